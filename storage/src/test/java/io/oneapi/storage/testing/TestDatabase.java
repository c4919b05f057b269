package io.oneapi.storage.testing;

import io.oneapi.config.GatewayConfig.DatabaseSettings;
import io.oneapi.storage.ChangeSignal;
import io.oneapi.storage.InProcessChangeSignal;
import io.oneapi.storage.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;

/**
 * A fresh, uniquely named database for one test: a new database on the MySQL/MariaDB or PostgreSQL test server
 * (dropped on {@link #close()}), or a new SQLite file. {@link #dsn()} is in One API's form, as {@code SQL_DSN}.
 */
public final class TestDatabase implements AutoCloseable {
    private final TestDatabases.Engine engine;
    private final String dsn;
    private final Path sqlitePath;
    private final Runnable drop;

    TestDatabase(TestDatabases.Engine engine, String dsn, Path sqlitePath, Runnable drop) {
        this.engine = engine;
        this.dsn = dsn;
        this.sqlitePath = sqlitePath;
        this.drop = drop;
    }

    public TestDatabases.Engine engine() {
        return engine;
    }

    /** {@code SQL_DSN} for this database; empty for SQLite (which {@link #sqlitePath()} locates). */
    public String dsn() {
        return dsn;
    }

    public Path sqlitePath() {
        return sqlitePath;
    }

    /** Settings for this database with a small pool (the servers are shared by parallel suites). */
    public DatabaseSettings settings() {
        return settings("");
    }

    /** As {@link #settings()}, with {@code LOG_SQL_DSN} set. */
    public DatabaseSettings settings(String logSqlDsn) {
        return new DatabaseSettings(dsn, logSqlDsn, sqlitePath, Duration.ofSeconds(5), 2, 8, Duration.ofSeconds(60));
    }

    /** A plain JDBC connection to this database (for fixtures and checks that bypass the stores). */
    public Connection connect() {
        return TestDatabases.connect(dsn, sqlitePath);
    }

    /** Opens migrated storage on this database, as a master node does (without first-boot work). */
    public Storage openStorage() {
        return openStorage(new InProcessChangeSignal());
    }

    public Storage openStorage(ChangeSignal changes) {
        return Storage.open(settings(), true, changes);
    }

    @Override
    public void close() {
        drop.run();
    }

    @Override
    public String toString() {
        return engine.name().toLowerCase(java.util.Locale.ROOT);
    }
}
