package io.oneapi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationsTest {
    private static final List<String> TABLES =
            List.of("users", "tokens", "channels", "abilities", "options", "redemptions", "logs");

    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void migratesAnEmptyDatabaseAndTheSecondRunDoesNothing(TestDatabases.Engine engine) {
        try (TestDatabase db = engine.create(dir)) {
            try (Storage storage = db.openStorage()) {
                for (String table : TABLES) {
                    assertTrue(Migrations.tableExists(storage.database(), table), table);
                }
                assertEquals(List.of("1", "2", "3"), versions(storage.database(), "flyway_schema_history"));
                assertEquals(List.of("1", "2"), versions(storage.database(), "flyway_logs_history"));
            }
            try (Storage again = db.openStorage()) {
                assertEquals(List.of("1", "2", "3"), versions(again.database(), "flyway_schema_history"));
                assertEquals(List.of("1", "2"), versions(again.database(), "flyway_logs_history"));
                assertEquals(0, again.users().count());
            }
        }
    }

    /** Versions of the SQL and Java migrations applied (baseline markers excluded). */
    static List<String> versions(Database db, String historyTable) {
        return db.query("SELECT version FROM " + historyTable + " WHERE success = ? AND type IN ('SQL', 'JDBC')"
                + " ORDER BY installed_rank", rs -> rs.getString(1), true);
    }

    static List<String> baselines(Database db, String historyTable) {
        return db.query("SELECT version FROM " + historyTable + " WHERE success = ? AND type = 'BASELINE'"
                + " ORDER BY installed_rank", rs -> rs.getString(1), true);
    }
}
