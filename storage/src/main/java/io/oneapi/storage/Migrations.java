package io.oneapi.storage;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flyway migrations, one folder of SQL per engine. Run only on master nodes.
 *
 * <p>Two independent sets, each with its own history table: {@link Set#MAIN} (users, tokens, channels,
 * abilities, options, redemptions; folder {@code db/migration/<engine>}) and {@link Set#LOGS} (the logs table;
 * {@code db/migration-logs/<engine>}). The main database gets both, as One API keeps a logs table there too; a separate
 * {@code LOG_SQL_DSN} database gets only the logs set.
 *
 * <p>Adoption: when a set's table already exists but its history table does not, the database was made by One
 * API. Flyway then baselines it at version 1 (its V1 is One API's own schema) instead of creating anything; rows
 * are never touched. A database holding unrelated tables only is baselined at 0, so V1 still runs. Version 2
 * ({@link OneApiColumnCatchUp}) then adds the columns a database from an older One API release lacks.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    enum Set {
        MAIN("db/migration", "flyway_schema_history", "users", OneApiColumnCatchUp.MAIN),
        LOGS("db/migration-logs", "flyway_logs_history", "logs", OneApiColumnCatchUp.LOGS);

        final String folder;
        final String historyTable;
        final String markerTable;
        final List<OneApiColumnCatchUp.Column> catchUpColumns;

        Set(String folder, String historyTable, String markerTable, List<OneApiColumnCatchUp.Column> catchUpColumns) {
            this.folder = folder;
            this.historyTable = historyTable;
            this.markerTable = markerTable;
            this.catchUpColumns = catchUpColumns;
        }
    }

    private Migrations() {
    }

    static void migrate(Database db, Set set) {
        boolean adopt = tableExists(db, set.markerTable) && !tableExists(db, set.historyTable);
        Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(db.dataSource())
                .locations("classpath:" + set.folder + "/" + db.dialect().migrationFolder())
                .table(set.historyTable)
                .javaMigrations(new OneApiColumnCatchUp(db.dialect(), set.catchUpColumns))
                .baselineOnMigrate(true)
                .baselineVersion(adopt ? "1" : "0")
                .baselineDescription(adopt ? "adopted One API schema" : "database had other tables")
                .load();
        try {
            MigrateResult result = flyway.migrate();
            if (adopt) {
                LOG.info("{}: adopted One API's {} tables as they are (baselined at version 1)", db.location(),
                        set.name().toLowerCase(Locale.ROOT));
            }
            if (result.migrationsExecuted > 0) {
                LOG.info("{}: applied {} {} migration(s), now at version {}", db.location(), result.migrationsExecuted,
                        set.name().toLowerCase(Locale.ROOT), result.targetSchemaVersion);
            }
        } catch (FlywayException e) {
            throw new StorageException("migration failed on " + db.location() + ": "
                    + SqlErrors.firstLine(e.getMessage()), e);
        }
    }

    static boolean tableExists(Database db, String table) {
        try (Connection c = db.dataSource().getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            // MySQL lists databases as catalogs, PostgreSQL has schemas; SQLite ignores both.
            String catalog = db.dialect() == Dialect.MYSQL ? c.getCatalog() : null;
            String schema = db.dialect() == Dialect.POSTGRES ? c.getSchema() : null;
            try (ResultSet rs = meta.getTables(catalog, schema, table, new String[] {"TABLE"})) {
                while (rs.next()) {
                    if (table.equalsIgnoreCase(rs.getString("TABLE_NAME"))) {
                        return true;
                    }
                }
                return false;
            }
        } catch (SQLException e) {
            throw new StorageException(db.location() + ": cannot list tables: " + SqlErrors.firstLine(e.getMessage()), e);
        }
    }
}
