package io.oneapi.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    private static LoadResult load(List<String> args, Map<String, String> env, EnvFile... files) {
        return ConfigLoader.load(args, env, List.of(files));
    }

    private static LoadResult.Run run(List<String> args, Map<String, String> env, EnvFile... files) {
        LoadResult result = load(args, env, files);
        if (result instanceof LoadResult.Invalid invalid) {
            throw new AssertionError("unexpected errors: " + invalid.errors());
        }
        return assertInstanceOf(LoadResult.Run.class, result);
    }

    private static GatewayConfig config(Map<String, String> env) {
        return run(List.of(), env).config();
    }

    private static List<String> errors(Map<String, String> env) {
        return assertInstanceOf(LoadResult.Invalid.class, load(List.of(), env)).errors();
    }

    @Test
    void defaultsAreOneApis() {
        LoadResult.Run run = run(List.of(), Map.of());
        GatewayConfig c = run.config();
        assertEquals(GatewayConfig.Role.ALL, c.role());
        assertEquals(GatewayConfig.NodeType.MASTER, c.nodeType());
        assertFalse(c.debug());
        assertFalse(c.debugSql());
        assertFalse(run.ginDebug());
        assertTrue(run.warnings().isEmpty(), run.warnings().toString());

        GatewayConfig.ServerSettings s = c.server();
        assertEquals(3000, s.port());
        assertEquals(3001, s.adminPort());
        assertEquals(Path.of("./logs"), s.logDir());
        assertFalse(s.onlyOneLogFile());
        assertTrue(s.sessionSecretGenerated());
        assertEquals(64, s.sessionSecret().length());
        assertEquals("", s.frontendBaseUrl());
        assertEquals("default", s.theme());
        assertEquals(Duration.ofSeconds(30), s.drainTimeout());

        GatewayConfig.DatabaseSettings d = c.database();
        assertEquals("", d.sqlDsn());
        assertEquals("", d.logSqlDsn());
        assertEquals(Path.of("one-api.db"), d.sqlitePath());
        assertEquals(Duration.ofMillis(3000), d.sqliteBusyTimeout());
        assertEquals(100, d.maxIdleConns());
        assertEquals(1000, d.maxOpenConns());
        assertEquals(Duration.ofSeconds(60), d.connMaxLifetime());

        GatewayConfig.CacheSettings cache = c.cache();
        assertFalse(cache.redisEnabled());
        assertEquals(Duration.ofSeconds(600), cache.syncFrequency());
        assertFalse(cache.syncFrequencySet());
        assertFalse(cache.memoryCacheEnabled());

        GatewayConfig.RelaySettings r = c.relay();
        assertEquals(Duration.ZERO, r.relayTimeout());
        assertEquals("", r.relayProxy());
        assertEquals("", r.userContentRequestProxy());
        assertEquals(Duration.ofSeconds(30), r.userContentRequestTimeout());
        assertFalse(r.enforceIncludeUsage());
        assertEquals(ConfigLoader.DEFAULT_TEST_PROMPT, r.testPrompt());
        assertEquals("BLOCK_NONE", r.geminiSafetySetting());
        assertEquals("v1", r.geminiVersion());
        assertFalse(r.batchUpdateEnabled());
        assertEquals(Duration.ofSeconds(5), r.batchUpdateInterval());
        assertNull(r.tiktokenCacheDir());

        assertEquals(new GatewayConfig.JobSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO), c.jobs());
        assertEquals(new GatewayConfig.RateLimitSettings(480, 240, Duration.ofSeconds(180), 20, Duration.ofMinutes(20)),
                c.rateLimits());
        assertEquals(new GatewayConfig.MetricSettings(false, 10, 0.8, 1024, 128), c.metric());
        assertEquals(new GatewayConfig.BootstrapSettings("", ""), c.bootstrap());
    }

    @Test
    void readsEveryVariable() {
        Map<String, String> env = Map.ofEntries(
                Map.entry("PORT", "8080"), Map.entry("ADMIN_PORT", "8081"), Map.entry("GIN_MODE", "debug"),
                Map.entry("DEBUG", "true"), Map.entry("DEBUG_SQL", "1"), Map.entry("SESSION_SECRET", "s3cret"),
                Map.entry("SQL_DSN", "root:pw@tcp(db:3306)/oneapi"), Map.entry("LOG_SQL_DSN", "postgres://x@h/logs"),
                Map.entry("SQLITE_PATH", "/data/x.db"), Map.entry("SQLITE_BUSY_TIMEOUT", "5000"),
                Map.entry("SQL_MAX_IDLE_CONNS", "0"), Map.entry("SQL_MAX_OPEN_CONNS", "50"),
                Map.entry("SQL_MAX_LIFETIME", "90"),
                Map.entry("REDIS_CONN_STRING", "redis://default:pw@localhost:6379"),
                Map.entry("REDIS_PASSWORD", "rp"), Map.entry("REDIS_MASTER_NAME", ""),
                Map.entry("SYNC_FREQUENCY", "60"), Map.entry("MEMORY_CACHE_ENABLED", "false"),
                Map.entry("NODE_TYPE", "slave"), Map.entry("FRONTEND_BASE_URL", "https://example.com/"),
                Map.entry("BATCH_UPDATE_ENABLED", "TRUE"), Map.entry("BATCH_UPDATE_INTERVAL", "7"),
                Map.entry("CHANNEL_TEST_FREQUENCY", "1440"), Map.entry("CHANNEL_UPDATE_FREQUENCY", "60"),
                Map.entry("POLLING_INTERVAL", "5"), Map.entry("GLOBAL_API_RATE_LIMIT", "0"),
                Map.entry("GLOBAL_WEB_RATE_LIMIT", "60"), Map.entry("DATA_GYM_CACHE_DIR", "/cache/gym"),
                Map.entry("RELAY_TIMEOUT", "120"), Map.entry("RELAY_PROXY", "socks5://127.0.0.1:1080"),
                Map.entry("USER_CONTENT_REQUEST_TIMEOUT", "10"),
                Map.entry("USER_CONTENT_REQUEST_PROXY", "http://proxy:3128"),
                Map.entry("GEMINI_SAFETY_SETTING", "block_only_high"), Map.entry("GEMINI_VERSION", "v1beta"),
                Map.entry("THEME", "air"), Map.entry("ENABLE_METRIC", "true"), Map.entry("METRIC_QUEUE_SIZE", "20"),
                Map.entry("METRIC_SUCCESS_RATE_THRESHOLD", "0.5"), Map.entry("METRIC_SUCCESS_CHAN_SIZE", "10"),
                Map.entry("METRIC_FAIL_CHAN_SIZE", "5"), Map.entry("INITIAL_ROOT_TOKEN", "sk-abc123"),
                Map.entry("INITIAL_ROOT_ACCESS_TOKEN", "access-token-1"), Map.entry("ONLY_ONE_LOG_FILE", "true"),
                Map.entry("ENFORCE_INCLUDE_USAGE", "true"), Map.entry("TEST_PROMPT", "hi"),
                Map.entry("DRAIN_TIMEOUT", "0"));
        LoadResult.Run run = run(List.of("--port", "1", "--log-dir", "/var/log/one-api", "--role", "admin"), env);
        GatewayConfig c = run.config();
        assertTrue(run.ginDebug());
        assertEquals(GatewayConfig.Role.ADMIN, c.role());
        assertEquals(GatewayConfig.NodeType.SLAVE, c.nodeType());
        assertTrue(c.debug());
        assertTrue(c.debugSql());
        assertEquals(new GatewayConfig.ServerSettings(8080, 8081, Path.of("/var/log/one-api"), true, "s3cret", false,
                "https://example.com", "air", Duration.ZERO), c.server());
        assertEquals(new GatewayConfig.DatabaseSettings("root:pw@tcp(db:3306)/oneapi", "postgres://x@h/logs",
                Path.of("/data/x.db"), Duration.ofSeconds(5), 0, 50, Duration.ofSeconds(90)), c.database());
        assertEquals(new GatewayConfig.CacheSettings("redis://default:pw@localhost:6379", "rp", "",
                Duration.ofMinutes(1), true, true), c.cache());
        assertEquals(new GatewayConfig.RelaySettings(Duration.ofMinutes(2), "socks5://127.0.0.1:1080",
                "http://proxy:3128", Duration.ofSeconds(10), true, "hi", "BLOCK_ONLY_HIGH", "v1beta", true,
                Duration.ofSeconds(7), Path.of("/cache/gym")), c.relay());
        assertEquals(new GatewayConfig.JobSettings(Duration.ofDays(1), Duration.ofHours(1), Duration.ofSeconds(5)),
                c.jobs());
        assertEquals(0, c.rateLimits().globalApiRateLimit());
        assertEquals(60, c.rateLimits().globalWebRateLimit());
        assertEquals(new GatewayConfig.MetricSettings(true, 20, 0.5, 10, 5), c.metric());
        assertEquals(new GatewayConfig.BootstrapSettings("abc123", "access-token-1"), c.bootstrap());
    }

    @Test
    void environmentWinsOverDotEnvWhichWinsOverLaterFiles() {
        EnvFile dotEnv = new EnvFile(".env", "PORT=4000\nTHEME=berry\nDEBUG=true\n");
        EnvFile conf = new EnvFile("conf/one-api.env", "PORT=5000\nTHEME=air\nSQLITE_PATH=conf.db\n");
        GatewayConfig c = run(List.of(), Map.of("PORT", "6000"), dotEnv, conf).config();
        assertEquals(6000, c.server().port());
        assertEquals("berry", c.server().theme());
        assertTrue(c.debug());
        assertEquals(Path.of("conf.db"), c.database().sqlitePath());
    }

    @Test
    void portVariableWinsOverFlagButFlagWinsOverDefault() {
        assertEquals(7000, run(List.of("--port", "7000"), Map.of()).config().server().port());
        assertEquals(7001, run(List.of("--port", "7000"), Map.of("PORT", "7001")).config().server().port());
        assertEquals(7002, run(List.of("--admin-port=7002"), Map.of()).config().server().adminPort());
    }

    @Test
    void theAdminPortFollowsTheProxyPortUnlessSet() {
        assertEquals(7001, run(List.of("--port", "7000"), Map.of()).config().server().adminPort());
        assertEquals(7006, run(List.of(), Map.of("PORT", "7005")).config().server().adminPort());
        assertEquals(7002, run(List.of("--port", "7000", "--admin-port", "7002"), Map.of()).config().server()
                .adminPort());
        assertEquals(3001, run(List.of(), Map.of("PORT", "0")).config().server().adminPort());
    }

    @Test
    void blankValueCountsAsUnset() {
        assertEquals(3000, config(Map.of("PORT", "  ")).server().port());
    }

    @Test
    void invalidValueNamesVariableValueAndExpectation() {
        assertEquals(List.of("SQL_MAX_OPEN_CONNS: abc (expected: a positive integer)"),
                errors(Map.of("SQL_MAX_OPEN_CONNS", "abc")));
    }

    /** Issue 5: a THEME this build does not ship is not an error; the admin server falls back with a warning. */
    @Test
    void anyThemeIsTaken() {
        assertEquals("dark", config(Map.of("THEME", " dark ")).server().theme());
        assertEquals("default", config(Map.of("THEME", "dark")).server().optionTheme());
        assertEquals("berry", config(Map.of("THEME", "berry")).server().optionTheme());
        assertEquals("default", config(Map.of("THEME", " ")).server().theme());
    }

    @Test
    void collectsEveryError() {
        List<String> errors = errors(Map.of("PORT", "70000", "DEBUG", "yes", "SQL_MAX_LIFETIME", "-1",
                "NODE_TYPE", "primary", "METRIC_SUCCESS_RATE_THRESHOLD", "1.5", "THEME", "dark", // any THEME is taken (falls back later)
                "SQLITE_BUSY_TIMEOUT", "3s", "GLOBAL_API_RATE_LIMIT", "-5", "GIN_MODE", "loud",
                "CHANNEL_TEST_FREQUENCY", "daily"));
        assertTrue(errors.containsAll(List.of(
                "PORT: 70000 (expected: a port number from 0 to 65535, 0 for any free port)",
                "DEBUG: yes (expected: true, false, 1 or 0)",
                "SQL_MAX_LIFETIME: -1 (expected: a whole number of seconds)",
                "NODE_TYPE: primary (expected: one of master, slave)",
                "METRIC_SUCCESS_RATE_THRESHOLD: 1.5 (expected: a number between 0 and 1)",
                "SQLITE_BUSY_TIMEOUT: 3s (expected: a whole number of milliseconds)",
                "GLOBAL_API_RATE_LIMIT: -5 (expected: a non-negative integer)",
                "GIN_MODE: loud (expected: one of debug, release, test)",
                "CHANNEL_TEST_FREQUENCY: daily (expected: a whole number of minutes)")), errors.toString());
        assertEquals(9, errors.size(), errors.toString());
    }

    @Test
    void cliAndEnvFileErrorsAreReportedTogether() {
        LoadResult result = load(List.of("--port=x"), Map.of("SQL_MAX_OPEN_CONNS", "abc"),
                new EnvFile(".env", "broken line"));
        List<String> errors = assertInstanceOf(LoadResult.Invalid.class, result).errors();
        assertEquals(3, errors.size(), errors.toString());
    }

    @Test
    void helpAndVersionIgnoreTheEnvironment() {
        assertInstanceOf(LoadResult.Help.class, load(List.of("--help"), Map.of("PORT", "bad")));
        assertInstanceOf(LoadResult.Version.class, load(List.of("--version"), Map.of("PORT", "bad")));
        assertInstanceOf(LoadResult.Invalid.class, load(List.of("--help", "--nope"), Map.of()));
    }

    @Test
    void exampleSessionSecretIsRejectedWithAWarning() {
        LoadResult.Run run = run(List.of(), Map.of("SESSION_SECRET", "random_string"));
        assertTrue(run.config().server().sessionSecretGenerated());
        assertNotEquals("random_string", run.config().server().sessionSecret());
        assertTrue(run.warnings().get(0).contains("random_string"), run.warnings().toString());
    }

    @Test
    void generatedSecretsDifferPerStart() {
        assertNotEquals(config(Map.of()).server().sessionSecret(), config(Map.of()).server().sessionSecret());
    }

    @Test
    void lifetimeInMinutesFromTheReadmeNameAndSecondsFromTheCodeName() {
        assertEquals(Duration.ofMinutes(60), config(Map.of("SQL_CONN_MAX_LIFETIME", "60")).database().connMaxLifetime());
        assertEquals(Duration.ofSeconds(45), config(Map.of("SQL_CONN_MAX_LIFETIME", "60", "SQL_MAX_LIFETIME", "45"))
                .database().connMaxLifetime());
        assertEquals(Duration.ZERO, config(Map.of("SQL_MAX_LIFETIME", "0")).database().connMaxLifetime(),
                "0 keeps connections for good, as in Go");
    }

    @Test
    void aPoolLargerThanTheCapIsAnnounced() {
        LoadResult.Run run = run(List.of(), Map.of("SQL_MAX_OPEN_CONNS", "500"));
        assertEquals(List.of("SQL_MAX_OPEN_CONNS=500 is capped at 64 connections per pool (JDBC calls run on "
                + "bounded thread pools)"), run.warnings());
        assertTrue(run(List.of(), Map.of()).warnings().isEmpty(), "One API's default of 1000 is not announced");
    }

    @Test
    void proxyAndAdminPortsMustDifferOnlyWhenBothRun() {
        assertEquals(List.of("ADMIN_PORT: 3000 (expected: a port other than the proxy port 3000 when --role is all)"),
                errors(Map.of("ADMIN_PORT", "3000")));
        assertEquals(3000, run(List.of("--role", "admin"), Map.of("ADMIN_PORT", "3000")).config().server().adminPort());
    }

    @Test
    void redisForcesMemoryCacheAndIsValidated() {
        GatewayConfig c = config(Map.of("REDIS_CONN_STRING", "redis://127.0.0.1:6379"));
        assertTrue(c.cache().redisEnabled());
        assertTrue(c.cache().memoryCacheEnabled());
        assertEquals("redis://127.0.0.1:6379", c.cache().redisConnString());
        assertEquals(List.of("REDIS_CONN_STRING: http://***@h:1 (expected: a URL starting with redis:// or rediss:// "
                        + "(or host:port list with REDIS_MASTER_NAME))"),
                errors(Map.of("REDIS_CONN_STRING", "http://u:topsecret@h:1")));
        assertEquals(1, errors(Map.of("REDIS_CONN_STRING", "unix:///run/redis.sock")).size(),
                "a unix socket is refused at start-up, not turned into a TCP address that cannot work");
        GatewayConfig sentinel = config(Map.of("REDIS_CONN_STRING", "h1:26379,h2:26379", "REDIS_MASTER_NAME", "m"));
        assertEquals("h1:26379,h2:26379", sentinel.cache().redisConnString());
    }

    @Test
    void urlsAreCheckedAndErrorsHideTheirPassword() {
        List<String> errors = errors(Map.of("RELAY_PROXY", "ftp://user:hunter2@proxy:21",
                "FRONTEND_BASE_URL", "example.com"));
        assertTrue(errors.contains(
                "RELAY_PROXY: ftp://***@proxy:21 (expected: a URL starting with http:// or https:// or socks5:// "
                        + "or socks5h://)"), errors.toString());
        assertTrue(errors.contains("FRONTEND_BASE_URL: example.com (expected: a URL starting with http:// or https://)"),
                errors.toString());
        assertFalse(errors.toString().contains("hunter2"));
        // TLS to the proxy itself is spoken by the upstream clients (ProxyHandlers).
        assertEquals("https://user:pw@proxy:8443", config(Map.of("RELAY_PROXY", "https://user:pw@proxy:8443"))
                .relay().relayProxy());
        assertEquals("https://proxy", config(Map.of("USER_CONTENT_REQUEST_PROXY", "https://proxy")).relay()
                .userContentRequestProxy());
    }

    @Test
    void turnstileVerifyUrlDefaultsToCloudflaresAndIsChecked() {
        assertEquals("", config(Map.of()).server().turnstileVerifyUrl(), "empty: Cloudflare's siteverify");
        assertEquals("http://127.0.0.1:9/siteverify",
                config(Map.of("TURNSTILE_VERIFY_URL", "http://127.0.0.1:9/siteverify")).server().turnstileVerifyUrl());
        assertTrue(errors(Map.of("TURNSTILE_VERIFY_URL", "siteverify")).contains(
                "TURNSTILE_VERIFY_URL: siteverify (expected: a URL starting with http:// or https://)"));
    }

    @Test
    void frontendBaseUrlIsIgnoredOnMasterWithAWarning() {
        LoadResult.Run run = run(List.of(), Map.of("FRONTEND_BASE_URL", "https://ui.example.com"));
        assertEquals("", run.config().server().frontendBaseUrl());
        assertTrue(run.warnings().get(0).contains("FRONTEND_BASE_URL"));
    }

    @Test
    void tiktokenCacheDirWinsOverDataGym() {
        assertEquals(Path.of("/a"), config(Map.of("TIKTOKEN_CACHE_DIR", "/a", "DATA_GYM_CACHE_DIR", "/b"))
                .relay().tiktokenCacheDir());
    }

    @Test
    void invalidFirstBootTokensAreRejectedWithoutQuotingThem() {
        List<String> errors = errors(Map.of("INITIAL_ROOT_TOKEN", "sk-has-dash-secret",
                "INITIAL_ROOT_ACCESS_TOKEN", "x".repeat(33)));
        assertEquals(List.of(
                "INITIAL_ROOT_TOKEN: (value hidden) (expected: up to 48 printable characters without - or spaces, "
                        + "optionally after sk-)",
                "INITIAL_ROOT_ACCESS_TOKEN: (value hidden) (expected: up to 32 printable characters, no spaces)"),
                errors);
    }

    @Test
    void unknownNamesInEnvFilesAreWarnedAbout() {
        LoadResult.Run run = run(List.of(), Map.of("SOME_SHELL_VAR", "x"),
                new EnvFile(".env", "SQL_MAX_OPEN_CON=5\nJAVA_HOME=/opt/jdk\nPORT=3000\n"));
        assertEquals(List.of("ignoring SQL_MAX_OPEN_CON from an env file: One API reads no variable of that name"),
                run.warnings());
    }

    @Test
    void toStringNeverShowsSecrets() {
        GatewayConfig c = config(Map.of("SESSION_SECRET", "sess-secret-value", "SQL_DSN", "root:dbpass@tcp(h:1)/d",
                "REDIS_CONN_STRING", "redis://:redispass@h:1", "INITIAL_ROOT_TOKEN", "roottokenvalue",
                "INITIAL_ROOT_ACCESS_TOKEN", "accesstokenvalue"));
        String text = c.toString();
        for (String secret : List.of("sess-secret-value", "dbpass", "redispass", "roottokenvalue",
                "accesstokenvalue")) {
            assertFalse(text.contains(secret), secret + " leaked: " + text);
        }
    }

    @Test
    void envExampleDocumentsEveryVariableAndParsesCleanly() throws IOException {
        // Surefire runs in the module directory; .env.example is at the repository root.
        String example = Files.readString(Path.of("..", ".env.example"));
        Set<String> documented = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^# ([A-Z_]+)=").matcher(example);
        while (m.find()) {
            documented.add(m.group(1));
        }
        assertEquals(new TreeSet<>(ConfigLoader.variableNames()), documented);
        List<String> errors = new ArrayList<>();
        assertEquals(Map.of(), DotEnv.parse(example, ".env.example", errors));
        assertEquals(List.of(), errors);
    }
}
