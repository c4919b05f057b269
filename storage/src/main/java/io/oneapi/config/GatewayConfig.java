package io.oneapi.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The whole start-up configuration: flags, environment and {@code .env}, validated once and never
 * changed afterwards (house rule 7). Runtime-editable settings live in the {@code options} table, not here.
 * Built by {@link ConfigLoader}.
 */
public record GatewayConfig(
        Role role,
        NodeType nodeType,
        ServerSettings server,
        DatabaseSettings database,
        CacheSettings cache,
        RelaySettings relay,
        JobSettings jobs,
        RateLimitSettings rateLimits,
        MetricSettings metric,
        BootstrapSettings bootstrap,
        boolean debug,
        boolean debugSql) {

    public GatewayConfig {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(nodeType, "nodeType");
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(jobs, "jobs");
        Objects.requireNonNull(rateLimits, "rateLimits");
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(bootstrap, "bootstrap");
    }

    public boolean isMaster() {
        return nodeType == NodeType.MASTER;
    }

    /** Which servers this JVM runs ({@code --role}). */
    public enum Role {
        ALL, PROXY, ADMIN;

        public boolean runsProxy() {
            return this != ADMIN;
        }

        public boolean runsAdmin() {
            return this != PROXY;
        }
    }

    /** {@code NODE_TYPE}: masters migrate and run background jobs, slaves only serve. */
    public enum NodeType { MASTER, SLAVE }

    /**
     * Ports, directories and secrets.
     *
     * @param sessionSecret {@code SESSION_SECRET}; random per start when unset (sessions then die on restart)
     * @param sessionSecretGenerated true when no usable secret was configured
     * @param frontendBaseUrl {@code FRONTEND_BASE_URL}, empty when unset
     * @param theme {@code THEME}
     * @param drainTimeout how long a stopping proxy lets running streams finish
     * @param turnstileVerifyUrl {@code TURNSTILE_VERIFY_URL} (ours): where Turnstile tokens are verified, empty for
     *     Cloudflare's siteverify
     */
    public record ServerSettings(int port, int adminPort, Path logDir, boolean onlyOneLogFile, String sessionSecret,
                                 boolean sessionSecretGenerated, String frontendBaseUrl, String theme,
                                 Duration drainTimeout, String turnstileVerifyUrl) {
        /** Without {@code TURNSTILE_VERIFY_URL}: Cloudflare's siteverify. */
        public ServerSettings(int port, int adminPort, Path logDir, boolean onlyOneLogFile, String sessionSecret,
                              boolean sessionSecretGenerated, String frontendBaseUrl, String theme,
                              Duration drainTimeout) {
            this(port, adminPort, logDir, onlyOneLogFile, sessionSecret, sessionSecretGenerated, frontendBaseUrl,
                    theme, drainTimeout, "");
        }

        /**
         * The {@code Theme} option's start-up value: {@code THEME} when it names a theme One API has, else
         * {@code default} (the admin server warns about the fallback; the option only takes those three).
         */
        public String optionTheme() {
            return switch (theme) {
                case "default", "berry", "air" -> theme;
                default -> "default";
            };
        }

        @Override
        public String toString() {
            return "ServerSettings[port=" + port + ", adminPort=" + adminPort + ", logDir=" + logDir
                    + ", onlyOneLogFile=" + onlyOneLogFile + ", frontendBaseUrl=" + frontendBaseUrl + ", theme=" + theme
                    + ", drainTimeout=" + drainTimeout + "]";
        }
    }

    /**
     * {@code SQL_DSN}, {@code LOG_SQL_DSN}, {@code SQLITE_PATH}, {@code SQLITE_BUSY_TIMEOUT} and the pool.
     * DSNs are kept as given (One API forms); {@code io.oneapi.storage} turns them into JDBC settings.
     */
    public record DatabaseSettings(String sqlDsn, String logSqlDsn, Path sqlitePath, Duration sqliteBusyTimeout,
                                   int maxIdleConns, int maxOpenConns, Duration connMaxLifetime) {
        /** The most connections one pool opens, whatever {@code SQL_MAX_OPEN_CONNS} asks (see {@code Pools}). */
        public static final int MAX_POOL = 64;

        @Override
        public String toString() {
            // DSNs carry passwords.
            return "DatabaseSettings[sqlDsn=" + (sqlDsn.isEmpty() ? "" : "<set>") + ", logSqlDsn="
                    + (logSqlDsn.isEmpty() ? "" : "<set>") + ", sqlitePath=" + sqlitePath + ", sqliteBusyTimeout="
                    + sqliteBusyTimeout + ", maxIdleConns=" + maxIdleConns + ", maxOpenConns=" + maxOpenConns
                    + ", connMaxLifetime=" + connMaxLifetime + "]";
        }
    }

    /**
     * Redis and memory caching.
     *
     * @param redisConnString {@code REDIS_CONN_STRING}, empty when Redis is off
     * @param syncFrequency {@code SYNC_FREQUENCY}: cache TTL and polling period
     */
    public record CacheSettings(String redisConnString, String redisPassword, String redisMasterName,
                                Duration syncFrequency, boolean syncFrequencySet, boolean memoryCacheEnabled) {
        public boolean redisEnabled() {
            return !redisConnString.isEmpty();
        }

        /**
         * How long a node serves tokens, users, channels and options from memory before it re-reads them, when no
         * change signal told it sooner: {@code SYNC_FREQUENCY} with the memory cache on ({@code MEMORY_CACHE_ENABLED}
         * or Redis, as in One API). With it off One API reads the database on every request; we keep the caches
         * but for at most one second, so another node's change shows as quickly there too.
         */
        public Duration cacheLifetime() {
            Duration oneSecond = Duration.ofSeconds(1);
            return memoryCacheEnabled || syncFrequency.compareTo(oneSecond) < 0 ? syncFrequency : oneSecond;
        }

        @Override
        public String toString() {
            return "CacheSettings[redis=" + (redisEnabled() ? "<set>" : "off") + ", redisMasterName=" + redisMasterName
                    + ", syncFrequency=" + syncFrequency + ", memoryCacheEnabled=" + memoryCacheEnabled + "]";
        }
    }

    /**
     * Upstream calls.
     *
     * @param relayTimeout {@code RELAY_TIMEOUT}; {@link Duration#ZERO} means none
     * @param relayProxy {@code RELAY_PROXY}, empty when unset
     * @param userContentRequestProxy {@code USER_CONTENT_REQUEST_PROXY}
     * @param userContentRequestTimeout {@code USER_CONTENT_REQUEST_TIMEOUT}
     * @param tiktokenCacheDir {@code TIKTOKEN_CACHE_DIR}, else {@code DATA_GYM_CACHE_DIR}; null when neither is set
     */
    public record RelaySettings(Duration relayTimeout, String relayProxy, String userContentRequestProxy,
                                Duration userContentRequestTimeout, boolean enforceIncludeUsage, String testPrompt,
                                String geminiSafetySetting, String geminiVersion, boolean batchUpdateEnabled,
                                Duration batchUpdateInterval, Path tiktokenCacheDir) {
    }

    /**
     * Background jobs (master nodes only).
     *
     * @param channelTestFrequency {@code CHANNEL_TEST_FREQUENCY}; {@link Duration#ZERO} when unset
     * @param channelUpdateFrequency {@code CHANNEL_UPDATE_FREQUENCY}; {@link Duration#ZERO} when unset
     */
    public record JobSettings(Duration channelTestFrequency, Duration channelUpdateFrequency,
                              Duration pollingInterval) {
    }

    /** {@code GLOBAL_API_RATE_LIMIT} and {@code GLOBAL_WEB_RATE_LIMIT}: requests per IP per window; 0 disables. */
    public record RateLimitSettings(int globalApiRateLimit, int globalWebRateLimit, Duration window,
                                    int criticalRateLimit, Duration criticalWindow) {
    }

    /** {@code ENABLE_METRIC} and its window. */
    public record MetricSettings(boolean enabled, int queueSize, double successRateThreshold, int successChanSize,
                                 int failChanSize) {
    }

    /**
     * First-boot credentials: {@code INITIAL_ROOT_TOKEN} (bare key: an {@code sk-} prefix is already stripped) and
     * {@code INITIAL_ROOT_ACCESS_TOKEN}, empty when unset.
     */
    public record BootstrapSettings(String initialRootToken, String initialRootAccessToken) {
        @Override
        public String toString() {
            return "BootstrapSettings[initialRootToken=" + (initialRootToken.isEmpty() ? "" : "<set>")
                    + ", initialRootAccessToken=" + (initialRootAccessToken.isEmpty() ? "" : "<set>") + "]";
        }
    }
}
