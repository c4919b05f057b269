package io.oneapi.config;

import io.oneapi.config.EnvValues.Unit;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Builds the one {@link GatewayConfig} from command-line flags, the process environment and {@code .env} files.
 * A pure function of its inputs (apart from drawing a random session secret), so tests never touch the real
 * environment. Variable names, defaults and units are One API's (inventory section 0.4); where One API is lax
 * (any text is accepted and silently misread) this loader rejects the value instead.
 */
public final class ConfigLoader {

    static final String DEFAULT_TEST_PROMPT = "Output only your specific model name with no additional text.";
    /** Read by {@code bin/one-api} or the JVM, not by us: allowed in env files without an "unknown" warning. */
    private static final Set<String> LAUNCHER_VARIABLES =
            Set.of("JAVA_HOME", "JAVA_OPTS", "ONE_API_HOME", "ONE_API_DATA_DIR", "TZ");

    private ConfigLoader() {
    }

    /**
     * @param args the command-line arguments
     * @param environment the process environment; it wins over every file
     * @param envFiles {@code .env}-style files, highest priority first
     */
    public static LoadResult load(List<String> args, Map<String, String> environment, List<EnvFile> envFiles) {
        List<String> errors = new ArrayList<>();
        CommandLine cli = CommandLine.parse(args, errors);
        if (errors.isEmpty() && cli.help()) {
            return new LoadResult.Help(CommandLine.USAGE);
        }
        if (errors.isEmpty() && cli.version()) {
            return new LoadResult.Version();
        }
        Map<String, String> merged = new HashMap<>();
        Set<String> fileKeys = new TreeSet<>();
        for (int i = envFiles.size() - 1; i >= 0; i--) {
            EnvFile file = envFiles.get(i);
            Map<String, String> values = DotEnv.parse(file.content(), file.name(), errors);
            fileKeys.addAll(values.keySet());
            merged.putAll(values);
        }
        merged.putAll(environment);

        EnvValues env = new EnvValues(merged, errors);
        List<String> warnings = new ArrayList<>();
        Settings settings = read(env, cli, warnings);

        fileKeys.removeAll(env.namesRead());
        fileKeys.removeAll(LAUNCHER_VARIABLES);
        for (String unknown : fileKeys) {
            warnings.add("ignoring " + unknown + " from an env file: One API reads no variable of that name");
        }
        if (!errors.isEmpty()) {
            return new LoadResult.Invalid(errors);
        }
        return new LoadResult.Run(settings.config(), settings.ginDebug(), warnings);
    }

    /** Every variable name the loader reads (for checking that .env.example documents them all). */
    static Set<String> variableNames() {
        EnvValues env = new EnvValues(Map.of(), new ArrayList<>());
        read(env, CommandLine.parse(List.of(), new ArrayList<>()), new ArrayList<>());
        return env.namesRead();
    }

    private static Settings read(EnvValues env, CommandLine cli, List<String> warnings) {
        GatewayConfig config = new ConfigSections(env, cli, warnings).build();
        boolean ginDebug = env.oneOf("GIN_MODE", "release", List.of("debug", "release", "test")).equals("debug");
        return new Settings(config, ginDebug);
    }

    private record Settings(GatewayConfig config, boolean ginDebug) {
    }

    /** Builds each settings group; split out so the precedence rules read top to bottom. */
    private record ConfigSections(EnvValues env, CommandLine cli, List<String> warnings) {

        GatewayConfig build() {
            GatewayConfig.Role role = cli.role() == null ? GatewayConfig.Role.ALL : cli.role();
            GatewayConfig.NodeType nodeType = env.oneOf("NODE_TYPE", "master", List.of("master", "slave"))
                    .equals("slave") ? GatewayConfig.NodeType.SLAVE : GatewayConfig.NodeType.MASTER;
            return new GatewayConfig(role, nodeType, server(role, nodeType), database(), cache(), relay(), jobs(),
                    rateLimits(), metric(), bootstrap(), env.bool("DEBUG", false), env.bool("DEBUG_SQL", false));
        }

        private GatewayConfig.ServerSettings server(GatewayConfig.Role role, GatewayConfig.NodeType nodeType) {
            // As in One API, the PORT variable wins over --port; ADMIN_PORT over --admin-port likewise.
            int port = env.port("PORT", cli.port() == null ? 3000 : cli.port());
            // The admin port follows the proxy port (3000 -> 3001, --port 3010 -> 3011), so that two gateways
            // started on one host with different --port values, as One API users do, do not clash on 3001.
            int adminDefault = port > 0 && port < 65535 ? port + 1 : 3001;
            int adminPort = env.port("ADMIN_PORT", cli.adminPort() == null ? adminDefault : cli.adminPort());
            if (role == GatewayConfig.Role.ALL && port == adminPort && port != 0) {
                env.reject("ADMIN_PORT", String.valueOf(adminPort),
                        "a port other than the proxy port " + port + " when --role is all");
            }
            Path logDir = Path.of(cli.logDir() == null ? "./logs" : cli.logDir());
            String secret = env.string("SESSION_SECRET", "");
            boolean generated = secret.isEmpty() || secret.equals("random_string");
            if (secret.equals("random_string")) {
                warnings.add("SESSION_SECRET is the example value random_string: ignored, a random secret is used; "
                        + "set your own secret so sessions survive restarts");
            } else if (secret.isEmpty() && nodeType == GatewayConfig.NodeType.SLAVE) {
                warnings.add("SESSION_SECRET is not set: sessions will not be shared with the other nodes");
            }
            if (generated) {
                secret = randomSecret();
            }
            URI frontend = env.url("FRONTEND_BASE_URL", Set.of("http", "https"));
            String frontendBaseUrl = frontend == null ? "" : stripTrailingSlash(frontend.toString());
            if (!frontendBaseUrl.isEmpty() && nodeType == GatewayConfig.NodeType.MASTER) {
                warnings.add("FRONTEND_BASE_URL is ignored on master nodes (as in One API); set NODE_TYPE=slave");
                frontendBaseUrl = "";
            }
            URI turnstile = env.url("TURNSTILE_VERIFY_URL", Set.of("http", "https"));
            return new GatewayConfig.ServerSettings(port, adminPort, logDir, env.bool("ONLY_ONE_LOG_FILE", false),
                    secret, generated, frontendBaseUrl, theme(env),
                    env.duration("DRAIN_TIMEOUT", Duration.ofSeconds(30), Unit.SECONDS, false),
                    turnstile == null ? "" : turnstile.toString());
        }

        private GatewayConfig.DatabaseSettings database() {
            // One API's code reads SQL_MAX_LIFETIME (seconds); its README documents SQL_CONN_MAX_LIFETIME (minutes).
            // Both are honoured; the code's name wins when both are set. 0 keeps connections open for good, as in Go.
            Duration lifetime = env.duration("SQL_CONN_MAX_LIFETIME", Duration.ofSeconds(60), Unit.MINUTES, false);
            lifetime = env.duration("SQL_MAX_LIFETIME", lifetime, Unit.SECONDS, false);
            int maxOpen = env.positiveInt("SQL_MAX_OPEN_CONNS", 1000);
            if (env.isSet("SQL_MAX_OPEN_CONNS") && maxOpen > GatewayConfig.DatabaseSettings.MAX_POOL) {
                warnings.add("SQL_MAX_OPEN_CONNS=" + maxOpen + " is capped at " + GatewayConfig.DatabaseSettings.MAX_POOL
                        + " connections per pool (JDBC calls run on bounded thread pools)");
            }
            return new GatewayConfig.DatabaseSettings(env.string("SQL_DSN", ""), env.string("LOG_SQL_DSN", ""),
                    Path.of(env.string("SQLITE_PATH", "one-api.db")),
                    env.duration("SQLITE_BUSY_TIMEOUT", Duration.ofMillis(3000), Unit.MILLISECONDS, false),
                    env.nonNegativeInt("SQL_MAX_IDLE_CONNS", 100), maxOpen,
                    lifetime);
        }

        private GatewayConfig.CacheSettings cache() {
            String redis = env.string("REDIS_CONN_STRING", "");
            String masterName = env.string("REDIS_MASTER_NAME", "");
            // With a master name One API treats the value as a comma list of host:port (sentinel); else a URL.
            // unix:// sockets (which One API's Go client takes) are refused here: the Redis client we use speaks TCP.
            if (!redis.isEmpty() && masterName.isEmpty()
                    && ValueParsers.url(redis, Set.of("redis", "rediss")) == null) {
                env.reject("REDIS_CONN_STRING", ValueParsers.withoutUserInfo(redis),
                        "a URL starting with redis:// or rediss:// (or host:port list with REDIS_MASTER_NAME)");
            }
            boolean syncSet = env.isSet("SYNC_FREQUENCY");
            Duration sync = env.duration("SYNC_FREQUENCY", Duration.ofSeconds(600), Unit.SECONDS, true);
            // As in One API, Redis forces the memory cache on.
            boolean memoryCache = env.bool("MEMORY_CACHE_ENABLED", false) || !redis.isEmpty();
            return new GatewayConfig.CacheSettings(redis, env.string("REDIS_PASSWORD", ""), masterName, sync, syncSet,
                    memoryCache);
        }

        private GatewayConfig.RelaySettings relay() {
            // https:// proxies get TLS to the proxy itself; through any proxy, TLS to an https upstream is end to end.
            Set<String> proxySchemes = Set.of("http", "https", "socks5", "socks5h");
            URI relayProxy = env.url("RELAY_PROXY", proxySchemes);
            URI contentProxy = env.url("USER_CONTENT_REQUEST_PROXY", proxySchemes);
            String tiktokenDir = env.string("TIKTOKEN_CACHE_DIR", env.string("DATA_GYM_CACHE_DIR", ""));
            return new GatewayConfig.RelaySettings(
                    env.duration("RELAY_TIMEOUT", Duration.ZERO, Unit.SECONDS, false),
                    relayProxy == null ? "" : relayProxy.toString(),
                    contentProxy == null ? "" : contentProxy.toString(),
                    env.duration("USER_CONTENT_REQUEST_TIMEOUT", Duration.ofSeconds(30), Unit.SECONDS, true),
                    env.bool("ENFORCE_INCLUDE_USAGE", false),
                    env.string("TEST_PROMPT", DEFAULT_TEST_PROMPT),
                    env.oneOf("GEMINI_SAFETY_SETTING", "BLOCK_NONE", List.of("BLOCK_NONE", "BLOCK_ONLY_HIGH",
                            "BLOCK_MEDIUM_AND_ABOVE", "BLOCK_LOW_AND_ABOVE", "HARM_BLOCK_THRESHOLD_UNSPECIFIED", "OFF")),
                    env.parsed("GEMINI_VERSION", "v1", "an API version such as v1 or v1beta",
                            t -> t.matches("v[0-9]+[a-z0-9]*") ? t : null),
                    env.bool("BATCH_UPDATE_ENABLED", false),
                    env.duration("BATCH_UPDATE_INTERVAL", Duration.ofSeconds(5), Unit.SECONDS, true),
                    tiktokenDir.isEmpty() ? null : Path.of(tiktokenDir));
        }

        private GatewayConfig.JobSettings jobs() {
            return new GatewayConfig.JobSettings(
                    env.duration("CHANNEL_TEST_FREQUENCY", Duration.ZERO, Unit.MINUTES, false),
                    env.duration("CHANNEL_UPDATE_FREQUENCY", Duration.ZERO, Unit.MINUTES, false),
                    env.duration("POLLING_INTERVAL", Duration.ZERO, Unit.SECONDS, false));
        }

        private GatewayConfig.RateLimitSettings rateLimits() {
            // One API's code defaults (its README's 180 and 60 are outdated); the critical limit is fixed.
            return new GatewayConfig.RateLimitSettings(env.nonNegativeInt("GLOBAL_API_RATE_LIMIT", 480),
                    env.nonNegativeInt("GLOBAL_WEB_RATE_LIMIT", 240), Duration.ofSeconds(180), 20,
                    Duration.ofMinutes(20));
        }

        private GatewayConfig.MetricSettings metric() {
            return new GatewayConfig.MetricSettings(env.bool("ENABLE_METRIC", false),
                    env.positiveInt("METRIC_QUEUE_SIZE", 10), env.ratio("METRIC_SUCCESS_RATE_THRESHOLD", 0.8),
                    env.positiveInt("METRIC_SUCCESS_CHAN_SIZE", 1024), env.positiveInt("METRIC_FAIL_CHAN_SIZE", 128));
        }

        private GatewayConfig.BootstrapSettings bootstrap() {
            // Values are secrets: errors never quote them. One API stores the root token as given, which makes an
            // sk- prefixed value unusable (the prefix is stripped from requests); we strip it here instead.
            String rootToken = env.string("INITIAL_ROOT_TOKEN", "");
            if (rootToken.startsWith("sk-")) {
                rootToken = rootToken.substring(3);
            }
            // '-' would be read as the channel-id separator of "sk-<key>-<channel>".
            if (!rootToken.isEmpty() && !rootToken.matches("[\\x21-\\x2c\\x2e-\\x7e]{1,48}")) {
                env.reject("INITIAL_ROOT_TOKEN", "(value hidden)",
                        "up to 48 printable characters without - or spaces, optionally after sk-");
                rootToken = "";
            }
            String accessToken = env.string("INITIAL_ROOT_ACCESS_TOKEN", "");
            if (!accessToken.isEmpty() && !accessToken.matches("[\\x21-\\x7e]{1,32}")) {
                env.reject("INITIAL_ROOT_ACCESS_TOKEN", "(value hidden)", "up to 32 printable characters, no spaces");
                accessToken = "";
            }
            return new GatewayConfig.BootstrapSettings(rootToken, accessToken);
        }

        private static String randomSecret() {
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        }

        private static String stripTrailingSlash(String url) {
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        }
    }

    /**
     * {@code THEME}: any name; one this build does not ship falls back to {@code default} with a warning when the
     * admin server starts (issue 5: an operator's old setting must not stop the gateway).
     */
    private static String theme(EnvValues env) {
        String theme = env.string("THEME", "default").strip();
        return theme.isEmpty() ? "default" : theme;
    }
}
