package io.oneapi.storage;

import java.util.List;
import java.util.Optional;

/**
 * The few JDBC operations the stores need, with {@code ?} parameters bound in order ({@code null}, strings,
 * numbers and booleans). Failures surface as {@link StorageException}. {@link Database} runs each call on a
 * pooled connection; inside {@link Database#inTransaction} the same calls share one connection.
 */
public interface Sql {
    <T> List<T> query(String sql, RowMapper<T> mapper, Object... args);

    /** The first row, if any. */
    <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args);

    /** The first column of the first row as a long; 0 when there is no row or the value is NULL. */
    long queryLong(String sql, Object... args);

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows matched. */
    int update(String sql, Object... args);

    /** Runs an INSERT into a table whose key column is {@code id}; returns the generated id. */
    long insert(String sql, Object... args);

    /** Runs one statement per parameter row as a JDBC batch. */
    void batch(String sql, List<Object[]> rows);
}
