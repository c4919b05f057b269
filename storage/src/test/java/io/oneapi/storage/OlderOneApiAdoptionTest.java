package io.oneapi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.storage.OneApiColumnCatchUp.Column;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A database from a One API release that predates some columns: they are added, nothing else changes. */
class OlderOneApiAdoptionTest {
    private static final List<Column> ADDED =
            Stream.concat(OneApiColumnCatchUp.MAIN.stream(), OneApiColumnCatchUp.LOGS.stream()).toList();

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void addsMissingColumnsAndKeepsEveryOtherValue(TestDatabases.Engine engine) throws SQLException {
        try (TestDatabase db = engine.create(dir)) {
            OneApiDatabase.create(db);
            dropNewerColumns(db);
            Map<String, List<Map<String, Object>>> before = OneApiDatabase.dump(db);

            try (Storage storage = db.openStorage()) {
                Map<String, List<Map<String, Object>>> after = OneApiDatabase.dump(db);
                for (String table : OneApiDatabase.TABLES) {
                    assertEquals(before.get(table), withoutAddedColumns(table, after.get(table)), table);
                }
                ProviderChannel openai = storage.channels().findById(1).orElseThrow();
                assertEquals(0, openai.priority());
                assertEquals("", openai.modelMapping());
                assertEquals("", storage.tokens().findById(2).orElseThrow().models());
                LogEntry log = storage.logs().find(LogStore.LogFilter.any(), 0, 1).get(0);
                assertFalse(log.isStream());
                assertEquals(0, log.elapsedTime());
                int id = storage.users().insert(new User(0, "newer", "x", "", 1, 1, "", "", "", "lark-1", "oidc-1",
                        "", 0, 0, 0, "default", "", 0));
                assertEquals(id, storage.users().findByOAuthId("oidc_id", "oidc-1").orElseThrow().id());
            }
            try (Storage again = db.openStorage()) {
                assertTrue(again.channels().listAll().size() >= 2);
            }
        }
    }

    private static void dropNewerColumns(TestDatabase db) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Column column : ADDED) {
                if (db.engine() == TestDatabases.Engine.SQLITE && column.index() != null) {
                    s.execute("DROP INDEX " + column.index()); // SQLite refuses to drop an indexed column
                }
                s.execute("ALTER TABLE " + column.table() + " DROP COLUMN " + column.name());
            }
        }
    }

    private static List<Map<String, Object>> withoutAddedColumns(String table, List<Map<String, Object>> rows) {
        List<Map<String, Object>> stripped = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            Map<String, Object> copy = new java.util.LinkedHashMap<>(row);
            ADDED.stream().filter(c -> c.table().equals(table)).forEach(c -> copy.remove(c.name()));
            stripped.add(copy);
        }
        return stripped;
    }
}
