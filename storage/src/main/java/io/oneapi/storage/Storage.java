package io.oneapi.storage;

import io.oneapi.config.GatewayConfig;
import io.oneapi.config.GatewayConfig.DatabaseSettings;
import io.oneapi.storage.billing.QuotaCounters;
import io.oneapi.storage.redis.RedisChangeSignal;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage entry point: the main database ({@code SQL_DSN}), the optional log database ({@code LOG_SQL_DSN}),
 * the stores over them and the change signal their writes publish. All store calls block (JDBC); never call them
 * on an event loop.
 */
public final class Storage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Storage.class);

    private final Database main;
    private final Database logDb;
    private final ChangeSignal changes;
    private final JdbcUserStore users;
    private final JdbcTokenStore tokens;
    private final JdbcChannelStore channels;
    private final JdbcOptionStore options;
    private final JdbcRedemptionStore redemptions;
    private final JdbcLogStore logs;
    private final JdbcPluginCatalogStore pluginCatalog;

    private Storage(Database main, Database logDb, ChangeSignal changes) {
        this.main = main;
        this.logDb = logDb;
        this.changes = changes;
        this.users = new JdbcUserStore(main, changes);
        this.tokens = new JdbcTokenStore(main, changes);
        this.channels = new JdbcChannelStore(main, changes);
        this.options = new JdbcOptionStore(main, changes);
        this.redemptions = new JdbcRedemptionStore(main, changes);
        this.logs = new JdbcLogStore(logDb);
        this.pluginCatalog = new JdbcPluginCatalogStore(main);
    }

    /**
     * Opens storage as the launcher does: on a master node migrates (or adopts) the schema and creates the root
     * account when there are no users ({@link FirstBoot}); a slave only connects and checks the schema.
     *
     * @throws StorageException with a one-line message when a DSN is malformed, a database is unreachable, a
     *     migration fails or the schema is incomplete
     */
    public static Storage open(GatewayConfig config) {
        ChangeSignal changes = changeSignal(config.cache());
        Storage storage;
        try {
            storage = open(config.database(), config.isMaster(), changes);
        } catch (RuntimeException e) {
            closeSignal(changes);
            throw e;
        }
        if (config.isMaster()) {
            try {
                FirstBoot.ensureRootAccount(storage, config.bootstrap());
            } catch (RuntimeException e) {
                storage.close();
                throw e;
            }
        }
        return storage;
    }

    /**
     * Redis pub/sub when {@code REDIS_CONN_STRING} is set (alone: One API also wanted {@code SYNC_FREQUENCY}, which
     * here only sets the polling safety net), else this JVM only; other nodes then see changes by polling.
     */
    private static ChangeSignal changeSignal(GatewayConfig.CacheSettings cache) {
        if (!cache.redisEnabled()) {
            LOG.info("Redis off: changes made on other nodes show within {} s (polling)",
                    cache.cacheLifetime().toSeconds());
            return new InProcessChangeSignal();
        }
        LOG.info("Redis on (REDIS_CONN_STRING set): changes made on other nodes show within a second; polling "
                + "every {} s (SYNC_FREQUENCY{}) stays as a safety net", cache.cacheLifetime().toSeconds(),
                cache.syncFrequencySet() ? "" : ", default");
        return RedisChangeSignal.start(cache);
    }

    /**
     * Quota counters every node shares (Redis), when Redis is configured; their keys live at most {@code maxAge}.
     * Empty without Redis: each node then keeps its own in memory or judges against the database.
     */
    public Optional<QuotaCounters> sharedQuotaCounters(Duration maxAge) {
        return changes instanceof RedisChangeSignal redis ? Optional.of(redis.quotaCounters(maxAge))
                : Optional.empty();
    }

    /**
     * Opens storage without first-boot work (tests, tools).
     *
     * @param migrate run migrations (master nodes only)
     */
    public static Storage open(DatabaseSettings settings, boolean migrate, ChangeSignal changes) {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(changes, "changes");
        JdbcTarget mainTarget = Dsn.parse("SQL_DSN", settings.sqlDsn(), settings.sqlitePath());
        JdbcTarget logTarget = settings.logSqlDsn().isBlank() ? null
                : Dsn.parse("LOG_SQL_DSN", settings.logSqlDsn(), settings.sqlitePath());
        Database main = Pools.open(mainTarget, settings, "oneapi-main");
        Database logDb = main;
        try {
            if (migrate) {
                Migrations.migrate(main, Migrations.Set.MAIN);
                Migrations.migrate(main, Migrations.Set.LOGS);
            }
            SchemaCheck.verifyMain(main);
            if (logTarget != null) {
                logDb = Pools.open(logTarget, settings, "oneapi-logs");
                if (migrate) {
                    Migrations.migrate(logDb, Migrations.Set.LOGS);
                }
            }
            SchemaCheck.verifyLogs(logDb);
        } catch (RuntimeException e) {
            if (logDb != main) {
                logDb.close();
            }
            main.close();
            throw e;
        }
        LOG.info("storage ready: {}{}", main.location(), logDb == main ? "" : ", logs on " + logDb.location());
        return new Storage(main, logDb, changes);
    }

    public UserStore users() {
        return users;
    }

    public TokenStore tokens() {
        return tokens;
    }

    public ChannelStore channels() {
        return channels;
    }

    public OptionStore options() {
        return options;
    }

    public RedemptionStore redemptions() {
        return redemptions;
    }

    public LogStore logs() {
        return logs;
    }

    /** Our own table of the provider plugins proxies loaded (for the admin server). */
    public PluginCatalogStore pluginCatalog() {
        return pluginCatalog;
    }

    public ChangeSignal changes() {
        return changes;
    }

    /** The main database, for queries the stores do not offer. */
    public Database database() {
        return main;
    }

    /** The database holding {@code logs}: the log database when {@code LOG_SQL_DSN} is set, else the main one. */
    public Database logDatabase() {
        return logDb;
    }

    public Dialect dialect() {
        return main.dialect();
    }

    JdbcUserStore jdbcUsers() {
        return users;
    }

    JdbcTokenStore jdbcTokens() {
        return tokens;
    }

    @Override
    public void close() {
        closeSignal(changes);
        if (logDb != main) {
            logDb.close();
        }
        main.close();
    }

    private static void closeSignal(ChangeSignal changes) {
        if (changes instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.warn("change signal did not close cleanly: {}", e.toString());
            }
        }
    }
}
