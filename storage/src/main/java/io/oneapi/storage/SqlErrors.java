package io.oneapi.storage;

import java.sql.SQLException;

/** Turns driver exceptions into one-line {@link StorageException}s that name the database, never values. */
final class SqlErrors {
    private static final int SQLITE_CONSTRAINT = 19;

    private final Dialect dialect;
    private final String location;

    SqlErrors(Dialect dialect, String location) {
        this.dialect = dialect;
        this.location = location;
    }

    String location() {
        return location;
    }

    StorageException translate(SQLException e) {
        String state = e.getSQLState();
        if ((state != null && state.startsWith("23")) || (dialect == Dialect.SQLITE && e.getErrorCode() == SQLITE_CONSTRAINT)) {
            // No cause attached: MySQL's "Duplicate entry '<value>'" and PostgreSQL's detail quote the value.
            return new ConstraintViolationException(location + ": constraint violated (SQLState "
                    + (state == null ? "none" : state) + ", error " + e.getErrorCode() + ")");
        }
        return new StorageException(location + ": " + firstLine(e.getMessage())
                + (state == null ? "" : " [SQLState " + state + "]"), e);
    }

    /** Deadlocks and serialization failures: the transaction was rolled back and may simply be run again. */
    static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                return "40001".equals(state) || "40P01".equals(state);
            }
        }
        return false;
    }

    /** The deepest cause's first line: "Connection refused", not the driver's three-paragraph wrapper. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        return message == null || message.isBlank() ? root.getClass().getSimpleName() : firstLine(message);
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
