package io.oneapi.storage;

import java.util.List;

/** {@link PluginCatalogStore} over JDBC: one upsert per plugin in one transaction. */
final class JdbcPluginCatalogStore implements PluginCatalogStore {
    private final Database db;
    private final String upsert;

    JdbcPluginCatalogStore(Database db) {
        this.db = db;
        this.upsert = db.dialect().upsert("oneapi_plugin_catalog", List.of("plugin_id"),
                List.of("plugin_version", "descriptor", "published_at"));
    }

    @Override
    public void publish(List<PublishedPlugin> plugins) {
        db.inTransaction(sql -> {
            for (PublishedPlugin p : plugins) {
                sql.update(upsert, p.pluginId(), p.pluginVersion(), p.descriptorJson(), p.publishedAt());
            }
            return null;
        });
    }

    @Override
    public List<PublishedPlugin> list() {
        return db.query("SELECT plugin_id, plugin_version, descriptor, published_at FROM oneapi_plugin_catalog"
                        + " ORDER BY plugin_id",
                rs -> new PublishedPlugin(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4)));
    }
}
