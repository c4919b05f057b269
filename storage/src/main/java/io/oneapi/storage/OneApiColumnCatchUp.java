package io.oneapi.storage;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Migration 2 of each set: adds the columns One API introduced over its releases (inventory section 6) to an
 * adopted database that predates them, with the types and defaults of V1, as One API's AutoMigrate would on
 * upgrade. Existing rows get the column default; nothing else changes. On a database V1 created it finds every
 * column present and does nothing.
 */
final class OneApiColumnCatchUp implements JavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(OneApiColumnCatchUp.class);

    /** A column with its V1 type per engine, and the GORM index on it, if any. */
    record Column(String table, String name, String mysql, String postgres, String sqlite, String index) {
        String type(Dialect d) {
            return switch (d) {
                case MYSQL -> mysql;
                case POSTGRES -> postgres;
                case SQLITE -> sqlite;
            };
        }
    }

    static final List<Column> MAIN = List.of(
            new Column("users", "lark_id", "varchar(191)", "text", "text", "idx_users_lark_id"),
            new Column("users", "oidc_id", "varchar(191)", "text", "text", "idx_users_oidc_id"),
            new Column("tokens", "models", "varchar(191) DEFAULT ''", "text DEFAULT ''", "text DEFAULT ''", null),
            new Column("tokens", "subnet", "varchar(191) DEFAULT ''", "text DEFAULT ''", "text DEFAULT ''", null),
            new Column("channels", "model_mapping", "varchar(1024) DEFAULT ''", "varchar(1024) DEFAULT ''",
                    "varchar(1024) DEFAULT ''", null),
            new Column("channels", "priority", "bigint DEFAULT 0", "bigint DEFAULT 0", "integer DEFAULT 0", null),
            new Column("channels", "config", "longtext", "text", "text", null),
            new Column("channels", "system_prompt", "text", "text", "text", null),
            new Column("abilities", "priority", "bigint DEFAULT 0", "bigint DEFAULT 0", "integer DEFAULT 0",
                    "idx_abilities_priority"));

    static final List<Column> LOGS = List.of(
            new Column("logs", "channel_id", "bigint", "bigint", "integer", "idx_logs_channel_id"),
            new Column("logs", "request_id", "varchar(191) DEFAULT ''", "text DEFAULT ''", "text DEFAULT ''", null),
            new Column("logs", "elapsed_time", "bigint DEFAULT 0", "bigint DEFAULT 0", "integer DEFAULT 0", null),
            new Column("logs", "is_stream", "boolean DEFAULT false", "boolean DEFAULT false", "numeric DEFAULT false",
                    null),
            new Column("logs", "system_prompt_reset", "boolean DEFAULT false", "boolean DEFAULT false",
                    "numeric DEFAULT false", null));

    private final Dialect dialect;
    private final List<Column> columns;

    OneApiColumnCatchUp(Dialect dialect, List<Column> columns) {
        this.dialect = dialect;
        this.columns = columns;
    }

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("2");
    }

    @Override
    public String getDescription() {
        return "add columns older One API releases lack";
    }

    @Override
    public Integer getChecksum() {
        return columns.toString().hashCode();
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        for (Column column : columns) {
            if (exists(c, column)) {
                continue;
            }
            try (Statement s = c.createStatement()) {
                s.execute("ALTER TABLE " + column.table() + " ADD COLUMN " + column.name() + " " + column.type(dialect));
                if (column.index() != null) {
                    s.execute("CREATE INDEX " + column.index() + " ON " + column.table() + " (" + column.name() + ")");
                }
            }
            LOG.info("added column {}.{}, which this One API database predates", column.table(), column.name());
        }
    }

    private boolean exists(Connection c, Column column) throws SQLException {
        DatabaseMetaData meta = c.getMetaData();
        String catalog = dialect == Dialect.MYSQL ? c.getCatalog() : null;
        String schema = dialect == Dialect.POSTGRES ? c.getSchema() : null;
        try (ResultSet rs = meta.getColumns(catalog, schema, column.table(), null)) {
            while (rs.next()) {
                if (column.name().equalsIgnoreCase(rs.getString("COLUMN_NAME"))) {
                    return true;
                }
            }
            return false;
        }
    }
}
