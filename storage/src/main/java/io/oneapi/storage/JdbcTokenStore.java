package io.oneapi.storage;

import static io.oneapi.storage.Columns.fixed;
import static io.oneapi.storage.Columns.text;

import io.oneapi.storage.ChangeSignal.Topic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@link TokenStore} over JDBC. Inserts, edits, status changes and deletes publish {@link Topic#TOKENS};
 * quota reservations and adjustments do not.
 */
final class JdbcTokenStore implements TokenStore {
    private final Database db;
    private final ChangeSignal changes;
    private final String columns;
    private final String key;

    JdbcTokenStore(Database db, ChangeSignal changes) {
        this.db = db;
        this.changes = changes;
        this.columns = columns(db.dialect());
        this.key = db.dialect().quote("key");
    }

    static String columns(Dialect d) {
        return "id, user_id, " + d.quote("key") + ", status, name, created_time, accessed_time, expired_time, "
                + "remain_quota, unlimited_quota, used_quota, models, subnet";
    }

    private static Token map(ResultSet rs) throws SQLException {
        return new Token(rs.getInt("id"), rs.getInt("user_id"), fixed(rs, "key"), rs.getInt("status"),
                text(rs, "name"), rs.getLong("created_time"), rs.getLong("accessed_time"), rs.getLong("expired_time"),
                rs.getLong("remain_quota"), rs.getBoolean("unlimited_quota"), rs.getLong("used_quota"),
                text(rs, "models"), text(rs, "subnet"));
    }

    @Override
    public Optional<Token> findByKey(String tokenKey) {
        if (tokenKey == null || tokenKey.isBlank()) {
            return Optional.empty();
        }
        return db.queryOne("SELECT " + columns + " FROM tokens WHERE " + key + " = ?", JdbcTokenStore::map, tokenKey);
    }

    @Override
    public Optional<Token> findById(int id) {
        return db.queryOne("SELECT " + columns + " FROM tokens WHERE id = ?", JdbcTokenStore::map, id);
    }

    @Override
    public List<Token> listByUser(int userId, int offset, int pageSize) {
        return db.query("SELECT " + columns + " FROM tokens WHERE user_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
                JdbcTokenStore::map, userId, pageSize, offset);
    }

    @Override
    public List<Token> searchByUser(int userId, String keyword) {
        return db.query("SELECT " + columns + " FROM tokens WHERE user_id = ? AND name LIKE ? ESCAPE '!' ORDER BY id DESC",
                JdbcTokenStore::map, userId, Columns.startsWith(keyword));
    }

    @Override
    public int insert(Token token) {
        int id = insert(db, token);
        changes.publish(Topic.TOKENS);
        return id;
    }

    /** Inserts on {@code sql}, which may be a transaction (first boot); publishes nothing. */
    int insert(Sql sql, Token token) {
        return (int) sql.insert("INSERT INTO tokens (user_id, " + key + ", status, name, created_time, accessed_time,"
                        + " expired_time, remain_quota, unlimited_quota, used_quota, models, subnet)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                token.userId(), token.key(), token.status(), token.name(), token.createdTime(), token.accessedTime(),
                token.expiredTime(), token.remainQuota(), token.unlimitedQuota(), token.usedQuota(),
                Columns.nullToEmpty(token.models()), Columns.nullToEmpty(token.subnet()));
    }

    @Override
    public void update(Token token) {
        db.update("UPDATE tokens SET name = ?, status = ?, expired_time = ?, remain_quota = ?, unlimited_quota = ?,"
                        + " models = ?, subnet = ? WHERE id = ?",
                token.name(), token.status(), token.expiredTime(), token.remainQuota(), token.unlimitedQuota(),
                Columns.nullToEmpty(token.models()), Columns.nullToEmpty(token.subnet()), token.id());
        changes.publish(Topic.TOKENS);
    }

    @Override
    public void setStatus(int id, int status) {
        db.update("UPDATE tokens SET status = ? WHERE id = ?", status, id);
        changes.publish(Topic.TOKENS);
    }

    @Override
    public boolean delete(int id, int userId) {
        boolean deleted = db.update("DELETE FROM tokens WHERE id = ? AND user_id = ?", id, userId) > 0;
        if (deleted) {
            changes.publish(Topic.TOKENS);
        }
        return deleted;
    }

    @Override
    public boolean reserveQuota(int id, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("cannot reserve a negative amount: " + amount);
        }
        return db.update("UPDATE tokens SET remain_quota = remain_quota - ?, used_quota = used_quota + ?"
                + " WHERE id = ? AND remain_quota >= ?", amount, amount, id, amount) == 1;
    }

    @Override
    public void adjustQuota(int id, long remainDelta, long usedDelta, long accessedTime) {
        db.update("UPDATE tokens SET remain_quota = remain_quota + ?, used_quota = used_quota + ?, accessed_time = ?"
                + " WHERE id = ?", remainDelta, usedDelta, accessedTime, id);
    }
}
