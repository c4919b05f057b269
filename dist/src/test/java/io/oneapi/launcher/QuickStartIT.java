package io.oneapi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.proxy.testing.MockUpstream;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's quick start against the packaged gateway: log in as root, add a channel (a mock OpenAI upstream),
 * create a token, call /v1/chat/completions; then SIGTERM, and the consume log and quota updates are on disk.
 */
class QuickStartIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String UPSTREAM_ANSWER = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":20,"total_tokens":30}}""";

    @TempDir
    Path temp;

    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void readmeQuickStartRelaysAndBillsAndFlushesOnSigterm() throws Exception {
        Path home = Tarball.unpack(temp);
        try (Stream<Path> plugins = Files.list(home.resolve("plugins"))) {
            assertTrue(plugins.anyMatch(p -> p.toString().endsWith(".jar")),
                    "the tarball has no provider plugin: build the whole reactor (plugins/ before dist)");
        }
        Path db = temp.resolve("quick-start.db");
        int port = GatewayProcess.freePort();
        int adminPort = GatewayProcess.freePort();
        String proxy = "http://127.0.0.1:" + port;
        String admin = "http://127.0.0.1:" + adminPort;
        try (MockUpstream upstream = new MockUpstream().script(r -> new MockUpstream.Json(200, UPSTREAM_ANSWER));
             GatewayProcess gateway = GatewayProcess.start(home, temp, temp.resolve("output"),
                     Map.of("SQLITE_PATH", db.toString()), "--port", "" + port, "--admin-port", "" + adminPort)) {
            gateway.awaitOk(proxy + "/health");
            gateway.awaitOk(admin + "/api/status");

            // As in the README, everything goes through the proxy port, which passes /api on to the admin server.
            JsonNode login = post(proxy + "/api/user/login", "{\"username\":\"root\",\"password\":\"123456\"}", null);
            assertTrue(login.path("success").asBoolean(), login.toString());
            JsonNode channel = post(proxy + "/api/channel/", JSON.writeValueAsString(Map.of("type", 1,
                    "name", "mock", "key", "sk-upstream-key", "models", "gpt-4o-mini", "group", "default",
                    "base_url", upstream.baseUrl())), null);
            assertTrue(channel.path("success").asBoolean(), channel.toString());
            JsonNode token = post(proxy + "/api/token/",
                    "{\"name\":\"demo\",\"remain_quota\":0,\"unlimited_quota\":true,\"expired_time\":-1}", null);
            assertTrue(token.path("success").asBoolean(), token.toString());
            String key = token.path("data").path("key").asText();
            assertEquals(48, key.length(), token.toString());

            JsonNode answer = post(proxy + "/v1/chat/completions",
                    "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}",
                    "Bearer sk-" + key);
            assertEquals("Hi", answer.path("choices").path(0).path("message").path("content").asText(),
                    answer.toString());
            MockUpstream.Received call = upstream.received().get(0);
            assertEquals("/v1/chat/completions", call.uri());
            assertEquals("Bearer sk-upstream-key", call.header("Authorization"));

            assertEquals(0, gateway.terminate(), gateway.output());
        }
        // Billing reached the database before the process ended.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db)) {
            long logged = single(c, "SELECT quota FROM logs WHERE type = 2 AND model_name = 'gpt-4o-mini'"
                    + " AND prompt_tokens = 10 AND completion_tokens = 20 AND token_name = 'demo'");
            assertTrue(logged > 0, "consume log quota " + logged);
            assertEquals(logged, single(c, "SELECT used_quota FROM tokens WHERE name = 'demo'"));
            assertEquals(logged, single(c, "SELECT used_quota FROM users WHERE username = 'root'"));
            assertEquals(1, single(c, "SELECT request_count FROM users WHERE username = 'root'"));
        }
    }

    /** POSTs JSON and returns the parsed answer; asserts HTTP 200. */
    private JsonNode post(String url, String body, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), url + " -> " + response.body());
        return JSON.readTree(response.body());
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertTrue(rs.next(), "no row for " + sql);
            long value = rs.getLong(1);
            assertTrue(!rs.next(), "more than one row for " + sql);
            return value;
        }
    }
}
