package io.oneapi.storage;

import io.oneapi.storage.ChangeSignal.Topic;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@link OptionStore} over JDBC; {@link #put} is one upsert and publishes {@link Topic#OPTIONS}. */
final class JdbcOptionStore implements OptionStore {
    private final Database db;
    private final ChangeSignal changes;
    private final String key;
    private final String upsert;

    JdbcOptionStore(Database db, ChangeSignal changes) {
        this.db = db;
        this.changes = changes;
        this.key = db.dialect().quote("key");
        this.upsert = db.dialect().upsert("options", List.of("key"), List.of("value"));
    }

    static String columns(Dialect d) {
        return d.quote("key") + ", value";
    }

    @Override
    public Map<String, String> loadAll() {
        Map<String, String> options = new TreeMap<>();
        db.query("SELECT " + key + ", value FROM options",
                        rs -> Map.entry(rs.getString(1), Columns.nullToEmpty(rs.getString(2))))
                .forEach(e -> options.put(e.getKey(), e.getValue()));
        return options;
    }

    @Override
    public void put(String optionKey, String value) {
        db.update(upsert, optionKey, Columns.nullToEmpty(value));
        changes.publish(Topic.OPTIONS);
    }
}
