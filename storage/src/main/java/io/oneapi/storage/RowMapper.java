package io.oneapi.storage;

import java.sql.ResultSet;
import java.sql.SQLException;

/** Maps the current row of a result set to a value; must not move the cursor. */
@FunctionalInterface
public interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
}
