package io.oneapi.storage;

import static io.oneapi.storage.Columns.fixed;
import static io.oneapi.storage.Columns.text;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link RedemptionStore} over JDBC, with a redeem that credits exactly once under concurrency. */
final class JdbcRedemptionStore implements RedemptionStore {
    static final String NO_KEY = "未提供兑换码";
    static final String UNKNOWN_KEY = "无效的兑换码";
    static final String ALREADY_USED = "该兑换码已被使用";
    static final String UNKNOWN_USER = "用户不存在";

    private final Database db;
    private final ChangeSignal changes;
    private final String columns;
    private final String key;

    JdbcRedemptionStore(Database db, ChangeSignal changes) {
        this.changes = changes;
        this.db = db;
        this.columns = columns(db.dialect());
        this.key = db.dialect().quote("key");
    }

    static String columns(Dialect d) {
        return "id, user_id, " + d.quote("key") + ", status, name, quota, created_time, redeemed_time";
    }

    private static Redemption map(ResultSet rs) throws SQLException {
        return new Redemption(rs.getInt("id"), rs.getInt("user_id"), fixed(rs, "key"), rs.getInt("status"),
                text(rs, "name"), rs.getLong("quota"), rs.getLong("created_time"), rs.getLong("redeemed_time"));
    }

    @Override
    public Optional<Redemption> findById(int id) {
        return db.queryOne("SELECT " + columns + " FROM redemptions WHERE id = ?", JdbcRedemptionStore::map, id);
    }

    @Override
    public List<Redemption> list(int offset, int pageSize) {
        return db.query("SELECT " + columns + " FROM redemptions ORDER BY id DESC LIMIT ? OFFSET ?",
                JdbcRedemptionStore::map, pageSize, offset);
    }

    @Override
    public List<Redemption> search(String keyword) {
        return db.query("SELECT " + columns + " FROM redemptions WHERE id = ? OR name LIKE ? ESCAPE '!' ORDER BY id DESC",
                JdbcRedemptionStore::map, Columns.idOrZero(keyword), Columns.startsWith(keyword));
    }

    @Override
    public List<Integer> insertAll(List<Redemption> codes) {
        return db.inTransaction(tx -> {
            List<Integer> ids = new ArrayList<>(codes.size());
            for (Redemption r : codes) {
                ids.add((int) tx.insert("INSERT INTO redemptions (user_id, " + key + ", status, name, quota,"
                                + " created_time, redeemed_time) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        r.userId(), r.key(), r.status(), r.name(), r.quota(), r.createdTime(), r.redeemedTime()));
            }
            return ids;
        });
    }

    @Override
    public void update(Redemption r) {
        db.update("UPDATE redemptions SET name = ?, status = ?, quota = ?, redeemed_time = ? WHERE id = ?",
                r.name(), r.status(), r.quota(), r.redeemedTime(), r.id());
    }

    @Override
    public void delete(int id) {
        db.update("DELETE FROM redemptions WHERE id = ?", id);
    }

    /**
     * The code is claimed by a conditional update ({@code ... WHERE id = ? AND status = 1}) that only one
     * transaction can win: MySQL/MariaDB and PostgreSQL make a second updater wait for the row lock and then
     * re-check the condition against the committed row; SQLite runs one writer at a time. The loser matches no
     * row and rolls back, so the user is credited once. (One API read the row "for update" in a way MySQL
     * ignored, and credited twice: songquanpeng/one-api#2397.)
     */
    @Override
    public long redeem(String code, int userId, long now) {
        if (code == null || code.isBlank()) {
            throw new RedemptionException(NO_KEY);
        }
        long credited = db.inTransaction(tx -> {
            Redemption found = tx.queryOne("SELECT " + columns + " FROM redemptions WHERE " + key + " = ?",
                    JdbcRedemptionStore::map, code.strip()).orElseThrow(() -> new RedemptionException(UNKNOWN_KEY));
            if (found.status() != Redemption.STATUS_ENABLED) {
                throw new RedemptionException(ALREADY_USED);
            }
            int claimed = tx.update("UPDATE redemptions SET status = ?, redeemed_time = ? WHERE id = ? AND status = ?",
                    Redemption.STATUS_USED, now, found.id(), Redemption.STATUS_ENABLED);
            if (claimed != 1) {
                throw new RedemptionException(ALREADY_USED);
            }
            if (tx.update("UPDATE users SET quota = quota + ? WHERE id = ?", found.quota(), userId) != 1) {
                throw new RedemptionException(UNKNOWN_USER);
            }
            return found.quota();
        });
        changes.publish(ChangeSignal.Topic.USERS); // the relay's quota counters re-read the new balance
        return credited;
    }
}
