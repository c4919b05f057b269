package io.oneapi.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.storage.Token;
import io.oneapi.storage.User;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every token-auth failure of One API, and bad client input: each a 4xx OpenAI error, never a 500 or a hang. */
class RelayAuthAndInputTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String CHAT = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
    static final String OK = "{\"choices\":[{\"message\":{\"content\":\"ok\"}}],"
            + "\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1,\"total_tokens\":2}}";

    @TempDir
    Path dir;
    MockUpstream upstream;
    TestGateway gateway;
    int userId;
    String key;
    int channelId;

    @BeforeEach
    void start() {
        upstream = new MockUpstream().script(r -> new MockUpstream.Json(200, OK));
        gateway = TestGateway.start(dir);
        userId = gateway.user("carol", 10_000_000, "default", 1);
        key = gateway.token(userId, 1_000_000, false);
        channelId = gateway.channel(upstream.baseUrl(), "m,other", 0, 0);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private void assertError(HttpResponse<String> response, int status, String code) throws Exception {
        assertEquals(status, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertEquals(code, error.path("code").asText(), response.body());
        assertTrue(error.path("message").asText().contains("(request id: "));
        assertTrue(response.headers().firstValue("X-Oneapi-Request-Id").isPresent());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
    }

    private void update(Token t) {
        gateway.storage().tokens().update(t);
    }

    @Test
    void missingAndUnknownKeys() throws Exception {
        assertError(gateway.post("/v1/chat/completions", null, CHAT), 401, "missing_api_key");
        assertError(gateway.post("/v1/chat/completions", "nope", CHAT), 401, "invalid_api_key");
    }

    @Test
    void aTokenDisabledThroughStorageStopsWorkingAtOnce() throws Exception {
        assertEquals(200, gateway.post("/v1/chat/completions", key, CHAT).statusCode(), "warms the cache");
        Token t = gateway.tokenRow(key);
        update(new Token(t.id(), t.userId(), t.key(), Token.STATUS_DISABLED, t.name(), t.createdTime(),
                t.accessedTime(), t.expiredTime(), t.remainQuota(), t.unlimitedQuota(), t.usedQuota(), t.models(),
                t.subnet()));
        assertError(gateway.post("/v1/chat/completions", key, CHAT), 401, "token_disabled");
        gateway.storage().tokens().delete(t.id(), t.userId());
        assertError(gateway.post("/v1/chat/completions", key, CHAT), 401, "invalid_api_key");
    }

    @Test
    void expiredAndExhaustedTokens() throws Exception {
        Token t = gateway.tokenRow(key);
        update(new Token(t.id(), t.userId(), t.key(), 1, t.name(), 0, 0, 1000, t.remainQuota(), false, 0, "", ""));
        assertError(gateway.post("/v1/chat/completions", key, CHAT), 401, "token_expired");
        update(new Token(t.id(), t.userId(), t.key(), 1, t.name(), 0, 0, -1, 0, false, 0, "", ""));
        assertError(gateway.post("/v1/chat/completions", key, CHAT), 401, "token_quota_exhausted");
    }

    @Test
    void subnetModelAndBannedUser() throws Exception {
        String fenced = gateway.token(userId, 1000, false, "", "10.0.0.0/8");
        assertError(gateway.post("/v1/chat/completions", fenced, CHAT), 403, "ip_not_allowed");
        String limited = gateway.token(userId, 1000, false, "other", "");
        assertError(gateway.post("/v1/chat/completions", limited, CHAT), 403, "model_not_allowed");
        User u = gateway.storage().users().findById(userId).orElseThrow();
        gateway.storage().users().update(new User(u.id(), u.username(), u.password(), u.displayName(), u.role(),
                User.STATUS_DISABLED, u.email(), u.githubId(), u.wechatId(), u.larkId(), u.oidcId(), u.accessToken(),
                u.quota(), u.usedQuota(), u.requestCount(), u.group(), u.affCode(), u.inviterId()));
        assertError(gateway.post("/v1/chat/completions", key, CHAT), 403, "user_banned");
    }

    @Test
    void channelPinningIsForAdminsOnly() throws Exception {
        assertError(gateway.post("/v1/chat/completions", key + "-" + channelId, CHAT), 403,
                "channel_pinning_forbidden");
        int admin = gateway.user("admin1", 10_000_000, "default", User.ROLE_ADMIN);
        String adminKey = gateway.token(admin, 0, true);
        assertEquals(200, gateway.post("/v1/chat/completions", adminKey + "-" + channelId, CHAT).statusCode());
        assertError(gateway.post("/v1/chat/completions", adminKey + "-abc", CHAT), 400, "invalid_channel_id");
        assertError(gateway.post("/v1/chat/completions", adminKey + "-999", CHAT), 400, "invalid_channel_id");
        assertError(gateway.post("/v1/oneapi/proxy/" + channelId + "/v1/x", key, "{}"), 403,
                "channel_pinning_forbidden");
    }

    @Test
    void noChannelForTheModelIs503() throws Exception {
        assertError(gateway.post("/v1/chat/completions", key,
                "{\"model\":\"unknown-model\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"), 503,
                "no_available_channel");
    }

    @Test
    void userQuotaTooLowIs403AndNothingIsSent() throws Exception {
        int poor = gateway.user("poor", 1, "default", 1);
        String poorKey = gateway.token(poor, 0, true);
        assertError(gateway.post("/v1/chat/completions", poorKey, CHAT), 403, "insufficient_user_quota");
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void badBodies() throws Exception {
        assertError(gateway.post("/v1/chat/completions", key, "{not json"), 400, "invalid_request_body");
        assertError(gateway.post("/v1/chat/completions", key, "{\"messages\":[{\"role\":\"user\"}]}"), 400,
                "invalid_text_request");
        assertError(gateway.post("/v1/chat/completions", key, "{\"model\":\"m\"}"), 400, "invalid_text_request");
        assertError(gateway.post("/v1/chat/completions", key, "{\"model\":\"m\",\"messages\":[{}],"
                + "\"max_tokens\":\"lots\"}"), 400, "invalid_text_request");
        // A lenient upstream would read "true" as true and stream an answer billed as a non-stream one.
        assertError(gateway.post("/v1/chat/completions", key, "{\"model\":\"m\",\"messages\":[{}],"
                + "\"stream\":\"true\"}"), 400, "invalid_text_request");
        HttpRequest xml = HttpRequest.newBuilder(URI.create(gateway.url("/v1/chat/completions")))
                .header("Authorization", "Bearer sk-" + key).header("Content-Type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<chat/>")).build();
        assertError(gateway.http().send(xml, HttpResponse.BodyHandlers.ofString()), 400, "invalid_request_body");
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void unknownAndUnimplementedRoutes() throws Exception {
        assertError(gateway.post("/v1/nothing-here", key, "{}"), 404, "not_found");
        assertError(gateway.get("/v1/files", key), 501, "api_not_implemented");
        // The key is checked first, as on every relay route.
        assertEquals(401, gateway.get("/v1/files", "not-a-key").statusCode());
        assertEquals(401, gateway.get("/v1/files", null).statusCode());
    }

    @Test
    void hugeBodyGets413() throws Exception {
        byte[] huge = new byte[65 * 1024 * 1024];
        java.util.Arrays.fill(huge, (byte) 'a');
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway.url("/v1/chat/completions")))
                .header("Authorization", "Bearer sk-" + key).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)).build();
        HttpResponse<String> response;
        try {
            response = gateway.http().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            // The server may close while the client is still sending; then read the answer with a raw socket.
            response = null;
        }
        if (response != null) {
            assertError(response, 413, "request_too_large");
        } else {
            String raw = rawExchange("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + huge.length + "\r\n\r\n");
            assertTrue(raw.startsWith("HTTP/1.1 413"), raw);
        }
    }

    @Test
    void gzipRequestBodiesAreInflatedAndCorruptOnesRejected() throws Exception {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
            gz.write(CHAT.getBytes(StandardCharsets.UTF_8));
        }
        HttpRequest gzip = HttpRequest.newBuilder(URI.create(gateway.url("/v1/chat/completions")))
                .header("Authorization", "Bearer sk-" + key).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofByteArray(packed.toByteArray())).build();
        HttpResponse<String> ok = gateway.http().send(gzip, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, ok.statusCode(), ok.body());
        assertEquals(CHAT, upstream.received().get(0).bodyText(), "upstream gets the inflated body");
        HttpRequest corrupt = HttpRequest.newBuilder(URI.create(gateway.url("/v1/chat/completions")))
                .header("Authorization", "Bearer sk-" + key).header("Content-Type", "application/json")
                .header("Content-Encoding", "gzip")
                .POST(HttpRequest.BodyPublishers.ofString("definitely not gzip")).build();
        assertEquals(400, gateway.http().send(corrupt, HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void garbageOnTheWireGets400AndTheServerStaysUp() throws Exception {
        String raw = rawExchange("THIS IS NOT HTTP\r\n\r\n");
        assertTrue(raw.isEmpty() || raw.startsWith("HTTP/1.1 400"), raw);
        assertEquals(200, gateway.post("/v1/chat/completions", key, CHAT).statusCode());
    }

    /**
     * HTTP pipelining: requests sent back to back in one write are served one at a time and answered in order, also
     * when a later one is answered at once (a 401) while an earlier one still waits for its upstream.
     */
    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        // The upstream answers slowly (two chunks 150 ms apart), so the later requests arrive while one is running.
        upstream.script(r -> new MockUpstream.Stream(200, "application/json",
                List.of(OK.substring(0, 10), OK.substring(10)), 150, -1));
        String chat = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk-" + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + CHAT.length() + "\r\n";
        String unknownKey = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer sk-nope"
                + "\r\nContent-Type: application/json\r\nContent-Length: " + CHAT.length() + "\r\n\r\n" + CHAT;
        String raw = rawExchange(chat + "\r\n" + CHAT + unknownKey + chat + "Connection: close\r\n\r\n" + CHAT);
        List<String> statuses = new java.util.ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("HTTP/1\\.1 (\\d{3})").matcher(raw);
        while (m.find()) {
            statuses.add(m.group(1));
        }
        assertEquals(List.of("200", "401", "200"), statuses, raw);
        assertEquals(2, upstream.received().size());
    }

    @Test
    void preflightIsAnsweredWithCorsHeaders() throws Exception {
        HttpRequest options = HttpRequest.newBuilder(URI.create(gateway.url("/v1/chat/completions")))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Access-Control-Request-Headers", "authorization, content-type").build();
        HttpResponse<String> response = gateway.http().send(options, HttpResponse.BodyHandlers.ofString());
        assertEquals(204, response.statusCode());
        assertEquals("*", response.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertTrue(response.headers().firstValue("Access-Control-Allow-Methods").orElse("").contains("POST"));
    }

    private String rawExchange(String head) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            try {
                while ((n = in.read(buf)) > 0) {
                    got.write(buf, 0, n);
                }
            } catch (java.net.SocketException e) {
                // reset after the answer is fine
            }
            return got.toString(StandardCharsets.UTF_8);
        }
    }
}
