package io.oneapi.storage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies, at start-up, that every column the stores read is there: a slave pointed at an unmigrated database,
 * or a database from a One API release older than the stores expect, fails with one clear line instead of on
 * the first request that touches the missing column.
 */
final class SchemaCheck {
    private SchemaCheck() {
    }

    static void verifyMain(Database db) {
        Dialect d = db.dialect();
        Map<String, String> tables = new LinkedHashMap<>();
        tables.put("users", JdbcUserStore.columns(d));
        tables.put("tokens", JdbcTokenStore.columns(d));
        tables.put("channels", JdbcChannelStore.columns(d));
        tables.put("abilities", JdbcChannelStore.abilityColumns(d));
        tables.put("options", JdbcOptionStore.columns(d));
        tables.put("redemptions", JdbcRedemptionStore.columns(d));
        tables.put("oneapi_plugin_catalog", "plugin_id, plugin_version, descriptor, published_at");
        verify(db, tables);
    }

    static void verifyLogs(Database db) {
        verify(db, Map.of("logs", JdbcLogStore.COLUMNS));
    }

    private static void verify(Database db, Map<String, String> columnsByTable) {
        List<String> problems = new ArrayList<>();
        columnsByTable.forEach((table, columns) -> {
            try {
                db.query("SELECT " + columns + " FROM " + table + " WHERE 1 = 0", rs -> null);
            } catch (StorageException e) {
                problems.add(table + ": " + SqlErrors.firstLine(SqlErrors.rootMessage(e)));
            }
        });
        if (!problems.isEmpty()) {
            throw new StorageException("database schema incomplete on " + db.location() + ": "
                    + String.join("; ", problems)
                    + " (start a master node once to migrate it, or upgrade the One API database first)");
        }
    }
}
