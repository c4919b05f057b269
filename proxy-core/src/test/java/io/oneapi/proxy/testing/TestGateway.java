package io.oneapi.proxy.testing;

import io.oneapi.config.ConfigLoader;
import io.oneapi.config.GatewayConfig;
import io.oneapi.config.LoadResult;
import io.oneapi.plugin.openai.OpenAiAdapter;
import io.oneapi.proxy.ProxyServer;
import io.oneapi.proxy.fetch.FetchPolicy;
import io.oneapi.proxy.plugin.PluginRegistry;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.storage.Keys;
import io.oneapi.storage.ProviderChannel;
import io.oneapi.storage.Storage;
import io.oneapi.storage.Token;
import io.oneapi.storage.User;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A real proxy on a free port over a fresh SQLite database, with the OpenAI-family adapter registered
 * directly, plus helpers to create users, tokens and channels through the storage layer as an admin would.
 */
public final class TestGateway implements AutoCloseable {
    private final TestDatabase database;
    private final Storage storage;
    private final ProxyServer proxy;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestGateway(TestDatabase database, Storage storage, ProxyServer proxy) {
        this.database = database;
        this.storage = storage;
        this.proxy = proxy;
    }

    public static TestGateway start(Path dir) {
        return start(dir, Map.of(), Map.of(), List.of(new OpenAiAdapter()));
    }

    /** Starts with options stored before the proxy loads them (so they apply from the first request). */
    public static TestGateway start(Path dir, Map<String, String> env, Map<String, String> options) {
        return start(dir, env, options, List.of(new OpenAiAdapter()));
    }

    public static TestGateway start(Path dir, Map<String, String> env, Map<String, String> options,
                                    List<ProviderAdapter> adapters) {
        return start(dir, env, options, adapters, "");
    }

    /** As above, forwarding non-relay paths to {@code adminBase} (empty for none). */
    public static TestGateway start(Path dir, Map<String, String> env, Map<String, String> options,
                                    List<ProviderAdapter> adapters, String adminBase) {
        return start(dir, env, options, adapters, adminBase, UnaryOperator.identity());
    }

    /**
     * As above, with the image fetch policy derived from the configuration and then adjusted, e.g.
     * {@code p -> p.allowingLoopbackForTests(port)} so inline images can come from a loopback mock.
     */
    public static TestGateway start(Path dir, Map<String, String> env, Map<String, String> options,
                                    List<ProviderAdapter> adapters, String adminBase,
                                    UnaryOperator<FetchPolicy> imagePolicy) {
        TestDatabase database = TestDatabases.sqlite(dir);
        Storage storage = database.openStorage();
        options.forEach(storage.options()::put);
        Map<String, String> environment = new HashMap<>(env);
        environment.putIfAbsent("PORT", "0");
        environment.putIfAbsent("ADMIN_PORT", "0");
        environment.putIfAbsent("SQLITE_PATH", database.sqlitePath().toString());
        LoadResult result = ConfigLoader.load(List.of(), environment, List.of());
        if (!(result instanceof LoadResult.Run run)) {
            throw new IllegalStateException("test configuration invalid: " + result);
        }
        GatewayConfig config = run.config();
        ProxyServer proxy = ProxyServer.start(config, storage, PluginRegistry.of(adapters), adminBase,
                imagePolicy.apply(FetchPolicy.of(config.relay())));
        return new TestGateway(database, storage, proxy);
    }

    public Storage storage() {
        return storage;
    }

    public int port() {
        return proxy.port();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + proxy.port() + path;
    }

    /** A user with the given quota and group; returns its id. */
    public int user(String name, long quota, String group, int role) {
        User user = new User(0, name, "x", name, role, User.STATUS_ENABLED, "", "", "", "", "", Keys.accessToken(),
                quota, 0, 0, group, Keys.affCode(), 0);
        int id = storage.users().insert(user);
        storage.users().setQuota(id, quota);
        return id;
    }

    /** A token for a user; returns the key clients send after {@code sk-}. */
    public String token(int userId, long remainQuota, boolean unlimited) {
        return token(userId, remainQuota, unlimited, "", "");
    }

    public String token(int userId, long remainQuota, boolean unlimited, String models, String subnet) {
        String key = Keys.tokenKey();
        long now = System.currentTimeMillis() / 1000;
        storage.tokens().insert(new Token(0, userId, key, Token.STATUS_ENABLED, "t-" + key.substring(0, 4), now, now,
                -1, remainQuota, unlimited, 0, models, subnet));
        return key;
    }

    public Token tokenRow(String key) {
        return storage.tokens().findByKey(key).orElseThrow();
    }

    /** An enabled OpenAI-type channel (type 1) at {@code baseUrl}; returns its id. */
    public int channel(String baseUrl, String models, long priority, int weight) {
        return channel(1, baseUrl, models, "default", priority, weight, "", "");
    }

    public int channel(int type, String baseUrl, String models, String group, long priority, int weight,
                       String modelMapping, String systemPrompt) {
        long now = System.currentTimeMillis() / 1000;
        return storage.channels().insert(new ProviderChannel(0, type, "sk-upstream-secret", 1, "ch", weight, now, 0, 0,
                baseUrl, "", 0, 0, models, group, 0, modelMapping, priority, "{}", systemPrompt));
    }

    public HttpResponse<String> post(String path, String key, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            b.header("Authorization", "Bearer sk-" + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20)).GET();
        if (key != null) {
            b.header("Authorization", "Bearer sk-" + key);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpClient http() {
        return http;
    }

    /** Stops the proxy (draining billing), then storage. */
    @Override
    public void close() {
        List<RuntimeException> errors = new ArrayList<>();
        try {
            proxy.close();
        } catch (RuntimeException e) {
            errors.add(e);
        }
        storage.close();
        database.close();
        if (!errors.isEmpty()) {
            throw errors.get(0);
        }
    }

    /** Closes the proxy only, so tests can read billing rows after the drain. */
    public void stopProxy() {
        proxy.close();
    }
}
