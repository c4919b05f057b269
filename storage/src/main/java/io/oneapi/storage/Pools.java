package io.oneapi.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.oneapi.config.GatewayConfig.DatabaseSettings;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * Opens the HikariCP pools of one {@link Database} and fails fast, with a one-line message, when the database
 * cannot be reached.
 *
 * <p>Sizing: One API hands {@code SQL_MAX_OPEN_CONNS} (default 1000) and {@code SQL_MAX_IDLE_CONNS} (default
 * 100) to Go's database/sql, where both are ceilings on a pool that grows lazily. Hikari's minimum idle count is
 * a floor it fills eagerly, so the values are capped: at most {@value #MAX_POOL} connections (JDBC runs on
 * bounded executors, so more connections than those threads only add server load, and MySQL's default
 * {@code max_connections} of 151 is shared by every node) and at most {@value #MAX_WARM} kept open while idle.
 * SQLite gets one writer and up to {@value #SQLITE_READERS} readers.
 */
final class Pools {
    static final int MAX_POOL = DatabaseSettings.MAX_POOL;
    static final int MAX_WARM = 10;
    static final int SQLITE_READERS = 4;
    static final Duration SERVER_CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    private static final long MIN_IDLE_TIMEOUT_MS = Duration.ofSeconds(10).toMillis();
    private static final long DEFAULT_IDLE_TIMEOUT_MS = Duration.ofMinutes(10).toMillis();
    private static final long DEFAULT_KEEPALIVE_MS = Duration.ofMinutes(2).toMillis();
    /** Hikari ignores (and replaces with 30 minutes) any max lifetime below this. */
    private static final Duration HIKARI_MIN_LIFETIME = Duration.ofSeconds(30);

    private Pools() {
    }

    static Database open(JdbcTarget target, DatabaseSettings settings, String name) {
        if (target.dialect() == Dialect.SQLITE) {
            HikariDataSource writer = start(sqlite(target, settings, name + "-write", 1, true), target);
            try {
                int readers = Math.min(SQLITE_READERS, poolSize(settings));
                HikariDataSource reader = start(sqlite(target, settings, name + "-read", readers, false), target);
                return new Database(target.dialect(), target.location(), writer, reader);
            } catch (RuntimeException e) {
                writer.close();
                throw e;
            }
        }
        HikariDataSource pool = start(server(target, settings, name), target);
        return new Database(target.dialect(), target.location(), pool, pool);
    }

    private static HikariConfig server(JdbcTarget target, DatabaseSettings settings, String name) {
        HikariConfig config = common(name, poolSize(settings));
        // A database server that went away should fail a call within seconds (Go's database/sql fails at once), so
        // the relay notices the outage and serves from memory instead of every request waiting 30 s for a connection.
        config.setConnectionTimeout(SERVER_CONNECTION_TIMEOUT.toMillis());
        config.setMinimumIdle(Math.min(Math.min(settings.maxIdleConns(), poolSize(settings)), MAX_WARM));
        config.setJdbcUrl(target.url());
        config.setUsername(target.user());
        config.setPassword(target.password());
        target.properties().forEach(config::addDataSourceProperty);
        long lifetime = lifetimeMillis(settings.connMaxLifetime());
        config.setMaxLifetime(lifetime);
        if (lifetime > 0) {
            // Hikari disables (with a warning) an idle timeout or keepalive not well below the lifetime. With
            // One API's default of 60 s, connections are replaced before a keepalive would matter.
            config.setIdleTimeout(Math.max(MIN_IDLE_TIMEOUT_MS, Math.min(DEFAULT_IDLE_TIMEOUT_MS, lifetime / 2)));
            config.setKeepaliveTime(lifetime > 2 * DEFAULT_KEEPALIVE_MS ? DEFAULT_KEEPALIVE_MS : 0);
        }
        return config;
    }

    private static HikariConfig sqlite(JdbcTarget target, DatabaseSettings settings, String name, int size,
                                       boolean writer) {
        SQLiteConfig pragmas = new SQLiteConfig();
        pragmas.setJournalMode(SQLiteConfig.JournalMode.WAL);
        pragmas.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        pragmas.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, settings.sqliteBusyTimeout().toMillis()));
        if (writer) {
            // Take the write lock when the transaction starts, so another process holding it makes us wait
            // (busy_timeout) instead of failing at our first write with SQLITE_BUSY.
            pragmas.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        }
        SQLiteDataSource dataSource = new SQLiteDataSource(pragmas);
        dataSource.setUrl(target.url());
        HikariConfig config = common(name, size);
        config.setMinimumIdle(1);
        config.setDataSource(dataSource);
        config.setMaxLifetime(0); // file handles never go stale
        return config;
    }

    private static HikariConfig common(String name, int size) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setMaximumPoolSize(size);
        // Try one connection at start-up and fail at once if it cannot be made.
        config.setInitializationFailTimeout(1);
        config.setConnectionTimeout(Duration.ofSeconds(30).toMillis());
        return config;
    }

    private static HikariDataSource start(HikariConfig config, JdbcTarget target) {
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StorageException("database unreachable: " + target.location() + " ("
                    + SqlErrors.rootMessage(e) + ")", e);
        }
    }

    static int poolSize(DatabaseSettings settings) {
        return Math.max(1, Math.min(settings.maxOpenConns(), MAX_POOL));
    }

    /** {@code SQL_MAX_LIFETIME}: 0 keeps connections forever (as in Go); Hikari needs at least 30 s otherwise. */
    static long lifetimeMillis(Duration lifetime) {
        if (lifetime == null || lifetime.isZero() || lifetime.isNegative()) {
            return 0;
        }
        return Math.max(lifetime.toMillis(), HIKARI_MIN_LIFETIME.toMillis());
    }
}
