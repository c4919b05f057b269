package io.oneapi.storage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Turns One API's {@code SQL_DSN} / {@code LOG_SQL_DSN} values into JDBC settings, accepting the same forms:
 * <ul>
 *   <li>empty: SQLite at {@code SQLITE_PATH};</li>
 *   <li>{@code postgres://user:pass@host:port/db?sslmode=...} (also {@code postgresql://}): PostgreSQL;</li>
 *   <li>anything else: a Go MySQL DSN, {@code user:pass@tcp(host:port)/db?params}, served by MySQL or MariaDB.</li>
 * </ul>
 * Errors name the variable and what was expected, and never echo the DSN (it may hold a password).
 */
public final class Dsn {
    private Dsn() {
    }

    /**
     * @param variable the variable the value came from, for messages ({@code SQL_DSN} or {@code LOG_SQL_DSN})
     * @param dsn the value as configured; empty selects SQLite
     * @param sqlitePath {@code SQLITE_PATH}, used only when {@code dsn} is empty
     * @throws StorageException when the value cannot be parsed
     */
    public static JdbcTarget parse(String variable, String dsn, Path sqlitePath) {
        Objects.requireNonNull(variable, "variable");
        String value = dsn == null ? "" : dsn.strip();
        if (value.isEmpty()) {
            Objects.requireNonNull(sqlitePath, "sqlitePath");
            return new JdbcTarget(Dialect.SQLITE, "jdbc:sqlite:" + sqlitePath, "", "", Map.of(),
                    "sqlite " + sqlitePath);
        }
        if (value.startsWith("postgres://") || value.startsWith("postgresql://")) {
            return new PostgresDsn(variable).parse(value);
        }
        return new MysqlDsn(variable).parse(value);
    }

    /**
     * The {@code name=value} pairs of a DSN's query string, values still encoded. Pairs without {@code =} are
     * dropped, as the Go MySQL driver does.
     */
    static Map<String, String> rawParams(String query) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return params;
    }

    /** The one-line error every parser throws. */
    static StorageException invalid(String variable, String problem, String expected) {
        return new StorageException(variable + ": " + problem + " (expected: " + expected + ")");
    }
}
