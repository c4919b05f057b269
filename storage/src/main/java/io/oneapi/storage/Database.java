package io.oneapi.storage;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One database: its dialect, its connection pool(s) and a small JDBC helper. Each {@link Sql} call borrows a
 * connection for just that statement; {@link #inTransaction} runs several on one connection and commits once.
 *
 * <p>On SQLite there are two pools: a single writer connection, so our own writes never contend for the file
 * lock, and a few readers, which WAL lets run beside the writer. Reads outside a transaction use a reader;
 * every write and every transaction uses the writer. MySQL and PostgreSQL use one pool for both.
 */
public final class Database implements Sql, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final int MAX_TRANSACTION_ATTEMPTS = 3;

    private final Dialect dialect;
    private final HikariDataSource writer;
    private final HikariDataSource reader;
    private final SqlErrors errors;

    Database(Dialect dialect, String location, HikariDataSource writer, HikariDataSource reader) {
        this.dialect = dialect;
        this.writer = writer;
        this.reader = reader;
        this.errors = new SqlErrors(dialect, location);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** What to call this database in messages, e.g. {@code mysql 127.0.0.1:3306}. */
    public String location() {
        return errors.location();
    }

    /** The pool that writes (the only pool on MySQL and PostgreSQL). */
    public DataSource dataSource() {
        return writer;
    }

    /** The work of one transaction; it must only use {@code tx}, never this database, for its statements. */
    @FunctionalInterface
    public interface TransactionBody<T> {
        T run(Sql tx);
    }

    /**
     * Runs {@code body} in one transaction and commits; any exception rolls back and propagates. Deadlocks and
     * serialization failures (the engine already rolled back) are retried up to three times, so the body must
     * not have effects outside the database.
     */
    public <T> T inTransaction(TransactionBody<T> body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactionOnce(body);
            } catch (StorageException e) {
                if (attempt >= MAX_TRANSACTION_ATTEMPTS || !SqlErrors.isRetryable(e)) {
                    throw e;
                }
                LOG.debug("{}: retrying a transaction after {}", location(), e.getMessage());
            }
        }
    }

    private <T> T transactionOnce(TransactionBody<T> body) {
        try (Connection connection = writer.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = body.run(new ConnectionSql(connection, dialect, errors));
                connection.commit();
                return result;
            } catch (RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            }
            // Closing returns the connection to Hikari, which restores auto-commit.
        } catch (SQLException e) {
            throw errors.translate(e);
        }
    }

    private void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        return on(reader, s -> s.query(sql, mapper, args));
    }

    @Override
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
        return on(reader, s -> s.queryOne(sql, mapper, args));
    }

    @Override
    public long queryLong(String sql, Object... args) {
        return on(reader, s -> s.queryLong(sql, args));
    }

    @Override
    public int update(String sql, Object... args) {
        return on(writer, s -> s.update(sql, args));
    }

    @Override
    public long insert(String sql, Object... args) {
        return on(writer, s -> s.insert(sql, args));
    }

    @Override
    public void batch(String sql, List<Object[]> rows) {
        on(writer, s -> {
            s.batch(sql, rows);
            return null;
        });
    }

    private <T> T on(DataSource pool, Function<Sql, T> work) {
        try (Connection connection = pool.getConnection()) {
            return work.apply(new ConnectionSql(connection, dialect, errors));
        } catch (SQLException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void close() {
        if (reader != writer) {
            reader.close();
        }
        writer.close();
    }

    @Override
    public String toString() {
        return "Database[" + location() + "]";
    }
}
