package io.oneapi.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link Sql} on one borrowed connection; the caller owns the connection and its transaction. */
final class ConnectionSql implements Sql {
    private final Connection connection;
    private final Dialect dialect;
    private final SqlErrors errors;

    ConnectionSql(Connection connection, Dialect dialect, SqlErrors errors) {
        this.connection = connection;
        this.dialect = dialect;
        this.errors = errors;
    }

    @Override
    public <T> List<T> query(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(mapper.map(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            ps.setMaxRows(1);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(mapper.map(rs)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public long queryLong(String sql, Object... args) {
        return queryOne(sql, rs -> rs.getLong(1), args).orElse(0L);
    }

    @Override
    public int update(String sql, Object... args) {
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            bind(ps, args);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public long insert(String sql, Object... args) {
        try (PreparedStatement ps = prepareInsert(sql)) {
            bind(ps, args);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new StorageException(errors.location() + ": the database returned no generated id");
                }
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw errors.translate(e);
        }
    }

    @Override
    public void batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw errors.translate(e);
        }
    }

    private PreparedStatement prepareInsert(String sql) throws SQLException {
        // pgjdbc appends RETURNING for the named column; the others report the auto-increment value.
        return dialect == Dialect.POSTGRES
                ? connection.prepareStatement(sql, new String[] {"id"})
                : connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
    }

    private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg == null) {
                ps.setNull(i + 1, Types.NULL);
            } else if (arg instanceof Boolean b) {
                ps.setBoolean(i + 1, b);
            } else {
                ps.setObject(i + 1, arg);
            }
        }
    }
}
