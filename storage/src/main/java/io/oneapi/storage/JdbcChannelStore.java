package io.oneapi.storage;

import static io.oneapi.storage.Columns.text;

import io.oneapi.storage.ChangeSignal.Topic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * {@link ChannelStore} over JDBC. Every write that changes routing rewrites the channel's abilities in the same
 * transaction and, after commit, publishes {@link Topic#CHANNELS}; usage, test and balance records publish nothing.
 */
final class JdbcChannelStore implements ChannelStore {
    private final Database db;
    private final ChangeSignal changes;
    private final String columns;
    private final String key;
    private final String group;

    JdbcChannelStore(Database db, ChangeSignal changes) {
        this.db = db;
        this.changes = changes;
        this.columns = columns(db.dialect());
        this.key = db.dialect().quote("key");
        this.group = db.dialect().quote("group");
    }

    static String columns(Dialect d) {
        return "id, type, " + d.quote("key") + ", status, name, weight, created_time, test_time, response_time, "
                + "base_url, other, balance, balance_updated_time, models, " + d.quote("group") + ", used_quota, "
                + "model_mapping, priority, config, system_prompt";
    }

    static String abilityColumns(Dialect d) {
        return d.quote("group") + ", model, channel_id, enabled, priority";
    }

    private static ProviderChannel map(ResultSet rs) throws SQLException {
        return new ProviderChannel(rs.getInt("id"), rs.getInt("type"), text(rs, "key"), rs.getInt("status"),
                text(rs, "name"), rs.getInt("weight"), rs.getLong("created_time"), rs.getLong("test_time"),
                rs.getInt("response_time"), text(rs, "base_url"), text(rs, "other"), rs.getDouble("balance"),
                rs.getLong("balance_updated_time"), text(rs, "models"), text(rs, "group"), rs.getLong("used_quota"),
                text(rs, "model_mapping"), rs.getLong("priority"), text(rs, "config"), text(rs, "system_prompt"));
    }

    private static Ability mapAbility(ResultSet rs) throws SQLException {
        return new Ability(text(rs, "group"), text(rs, "model"), rs.getInt("channel_id"), rs.getBoolean("enabled"),
                rs.getLong("priority"));
    }

    @Override
    public Optional<ProviderChannel> findById(int id) {
        return db.queryOne("SELECT " + columns + " FROM channels WHERE id = ?", JdbcChannelStore::map, id);
    }

    @Override
    public List<ProviderChannel> listAll() {
        return db.query("SELECT " + columns + " FROM channels ORDER BY id DESC", JdbcChannelStore::map);
    }

    @Override
    public List<ProviderChannel> list(int offset, int pageSize) {
        return db.query("SELECT " + columns + " FROM channels ORDER BY id DESC LIMIT ? OFFSET ?",
                JdbcChannelStore::map, pageSize, offset);
    }

    /** As One API: the id, a name prefix, or the exact key. */
    @Override
    public List<ProviderChannel> search(String keyword) {
        return db.query("SELECT " + columns + " FROM channels WHERE id = ? OR name LIKE ? ESCAPE '!' OR " + key
                        + " = ? ORDER BY id DESC", JdbcChannelStore::map, Columns.idOrZero(keyword),
                Columns.startsWith(keyword), Columns.nullToEmpty(keyword));
    }

    @Override
    public int insert(ProviderChannel c) {
        int id = db.inTransaction(tx -> {
            int newId = (int) tx.insert("INSERT INTO channels (type, " + key + ", status, name, weight, created_time,"
                            + " test_time, response_time, base_url, other, balance, balance_updated_time, models, "
                            + group + ", used_quota, model_mapping, priority, config, system_prompt)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    c.type(), c.key(), c.status(), c.name(), c.weight(), c.createdTime(), c.testTime(),
                    c.responseTime(), c.baseUrl(), c.other(), c.balance(), c.balanceUpdatedTime(), c.models(),
                    c.group(), c.usedQuota(), c.modelMapping(), c.priority(), c.config(), c.systemPrompt());
            writeAbilities(tx, newId, c);
            return newId;
        });
        changes.publish(Topic.CHANNELS);
        return id;
    }

    /**
     * Writes the editable columns (not usage, test or balance records, which have their own writers) and
     * rebuilds the abilities. An empty key keeps the stored one, as One API's edit form sends no key when the
     * credential is unchanged. Updating a channel that does not exist changes nothing.
     */
    @Override
    public void update(ProviderChannel c) {
        boolean updated = db.inTransaction(tx -> {
            boolean keepKey = c.key() == null || c.key().isEmpty();
            String keepOrSetKey = keepKey ? "" : key + " = ?, ";
            Object[] keyArg = keepKey ? new Object[0] : new Object[] {c.key()};
            int rows = tx.update("UPDATE channels SET " + keepOrSetKey + "type = ?, status = ?, name = ?, weight = ?,"
                            + " base_url = ?, other = ?, models = ?, " + group + " = ?, model_mapping = ?, priority = ?,"
                            + " config = ?, system_prompt = ? WHERE id = ?",
                    concat(keyArg, c.type(), c.status(), c.name(), c.weight(), c.baseUrl(), c.other(), c.models(),
                            c.group(), c.modelMapping(), c.priority(), c.config(), c.systemPrompt(), c.id()));
            if (rows == 0) {
                return false;
            }
            tx.update("DELETE FROM abilities WHERE channel_id = ?", c.id());
            writeAbilities(tx, c.id(), c);
            return true;
        });
        if (updated) {
            changes.publish(Topic.CHANNELS);
        }
    }

    private void writeAbilities(Sql tx, int channelId, ProviderChannel c) {
        List<Object[]> rows = ChannelAbilities.of(channelId, c).stream()
                .map(a -> new Object[] {a.group(), a.model(), a.channelId(), a.enabled(), a.priority()})
                .toList();
        tx.batch("INSERT INTO abilities (" + abilityColumns(db.dialect()) + ") VALUES (?, ?, ?, ?, ?)", rows);
    }

    @Override
    public void setStatus(int id, int status) {
        db.inTransaction(tx -> {
            tx.update("UPDATE channels SET status = ? WHERE id = ?", status, id);
            tx.update("UPDATE abilities SET enabled = ? WHERE channel_id = ?",
                    status == ProviderChannel.STATUS_ENABLED, id);
            return null;
        });
        changes.publish(Topic.CHANNELS);
    }

    @Override
    public boolean disableIfEnabled(int id, int status) {
        if (status == ProviderChannel.STATUS_ENABLED) {
            throw new IllegalArgumentException("disableIfEnabled needs a disabled status");
        }
        boolean disabled = db.inTransaction(tx -> {
            if (tx.update("UPDATE channels SET status = ? WHERE id = ? AND status = ?", status, id,
                    ProviderChannel.STATUS_ENABLED) == 0) {
                return false;
            }
            tx.update("UPDATE abilities SET enabled = ? WHERE channel_id = ?", false, id);
            return true;
        });
        if (disabled) {
            changes.publish(Topic.CHANNELS);
        }
        return disabled;
    }

    @Override
    public void delete(int id) {
        db.inTransaction(tx -> {
            tx.update("DELETE FROM abilities WHERE channel_id = ?", id);
            tx.update("DELETE FROM channels WHERE id = ?", id);
            return null;
        });
        changes.publish(Topic.CHANNELS);
    }

    @Override
    public int deleteDisabled() {
        int deleted = db.inTransaction(tx -> {
            tx.update("DELETE FROM abilities WHERE channel_id IN (SELECT id FROM channels WHERE status IN (?, ?))",
                    ProviderChannel.STATUS_MANUALLY_DISABLED, ProviderChannel.STATUS_AUTO_DISABLED);
            return tx.update("DELETE FROM channels WHERE status IN (?, ?)",
                    ProviderChannel.STATUS_MANUALLY_DISABLED, ProviderChannel.STATUS_AUTO_DISABLED);
        });
        if (deleted > 0) {
            changes.publish(Topic.CHANNELS);
        }
        return deleted;
    }

    @Override
    public void addUsedQuota(int id, long quota) {
        db.update("UPDATE channels SET used_quota = used_quota + ? WHERE id = ?", quota, id);
    }

    @Override
    public void recordTest(int id, long testTime, int responseTimeMillis) {
        db.update("UPDATE channels SET test_time = ?, response_time = ? WHERE id = ?", testTime, responseTimeMillis, id);
    }

    @Override
    public void recordBalance(int id, double balance, long updatedTime) {
        db.update("UPDATE channels SET balance = ?, balance_updated_time = ? WHERE id = ?", balance, updatedTime, id);
    }

    @Override
    public List<Ability> abilities(int channelId) {
        return db.query("SELECT " + abilityColumns(db.dialect()) + " FROM abilities WHERE channel_id = ? ORDER BY "
                + group + ", model", JdbcChannelStore::mapAbility, channelId);
    }

    @Override
    public List<String> modelsForGroup(String groupName) {
        return db.query("SELECT DISTINCT model FROM abilities WHERE " + group + " = ? AND enabled = ? ORDER BY model",
                rs -> rs.getString(1), groupName, true);
    }

    @Override
    public List<String> groups() {
        return db.query("SELECT DISTINCT " + group + " FROM abilities ORDER BY " + group, rs -> rs.getString(1));
    }

    private static Object[] concat(Object[] head, Object... tail) {
        Object[] all = new Object[head.length + tail.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }
}
