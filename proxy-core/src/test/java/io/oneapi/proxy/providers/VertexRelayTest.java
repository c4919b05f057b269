package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.GeminiGateway.events;
import static io.oneapi.proxy.providers.GeminiGateway.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.ProviderChannel;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vertex AI (channel type 42) end to end: the gateway turns the channel's service-account key into an
 * OAuth access token at the mock token endpoint (a JWT it signed), caches it, and calls the mock Vertex
 * endpoint with it. The same mock serves both: {@code /token} and {@code /v1/projects/...}.
 */
class VertexRelayTest {
    static final String CHAT = "{\"model\":\"gemini-1.5-pro-002\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    static final String VERTEX_PATH = "/v1/projects/proj-1/locations/us-central1/publishers/google/models/"
            + "gemini-1.5-pro-002";
    static final String ANSWER = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hello\"}]},"
            + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":1,"
            + "\"totalTokenCount\":4},\"modelVersion\":\"gemini-1.5-pro-002\"}";
    static KeyPair keys;

    @TempDir
    Path dir;
    GeminiGateway relay;
    final AtomicInteger tokensIssued = new AtomicInteger();

    @BeforeAll
    static void makeKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    private int start(Map<String, String> options, String model) {
        relay = new GeminiGateway(dir, Map.of(), options);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        ObjectNode account = GeminiGateway.JSON.createObjectNode().put("type", "service_account")
                .put("project_id", "proj-1").put("private_key_id", "kid").put("private_key", pem)
                .put("client_email", "relay@proj-1.iam.gserviceaccount.com")
                .put("token_uri", relay.upstream.baseUrl() + "/token");
        ObjectNode config = GeminiGateway.JSON.createObjectNode().put("region", "us-central1")
                .put("vertex_ai_project_id", "proj-1").put("vertex_ai_adc", account.toString());
        return relay.channel(42, model, "unused", config.toString());
    }

    /** The mock: a token endpoint issuing numbered tokens, and Vertex answering with {@code vertex}. */
    private void script(MockUpstream.Action vertex) {
        relay.upstream.script(r -> r.uri().equals("/token")
                ? new MockUpstream.Json(200, "{\"access_token\":\"ya29.token-" + tokensIssued.incrementAndGet()
                        + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")
                : vertex);
    }

    private List<MockUpstream.Received> calls(String uriPrefix) {
        return relay.upstream.received().stream().filter(r -> r.uri().startsWith(uriPrefix)).toList();
    }

    @Test
    void exchangesTheServiceAccountKeyOnceAndReusesTheCachedToken() throws Exception {
        start(Map.of(), "gemini-1.5-pro-002");
        script(new MockUpstream.Json(200, ANSWER));

        HttpResponse<String> first = relay.post("/v1/chat/completions", CHAT);
        HttpResponse<String> second = relay.post("/v1/chat/completions", CHAT);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        assertEquals("Hello", json(second.body()).path("choices").path(0).path("message").path("content").asText());
        assertEquals(1, calls("/token").size(), "the second request makes no second token call");
        List<MockUpstream.Received> vertex = calls(VERTEX_PATH);
        assertEquals(2, vertex.size());
        for (MockUpstream.Received call : vertex) {
            assertEquals(VERTEX_PATH + ":generateContent", call.uri());
            assertEquals("Bearer ya29.token-1", call.header("Authorization"));
        }

        MockUpstream.Received token = calls("/token").get(0);
        assertEquals("application/x-www-form-urlencoded", token.header("Content-Type"));
        String assertion = formValue(token.bodyText(), "assertion");
        assertEquals("urn:ietf:params:oauth:grant-type:jwt-bearer", formValue(token.bodyText(), "grant_type"));
        String[] jwt = assertion.split("\\.");
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(keys.getPublic());
        rsa.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(rsa.verify(Base64.getUrlDecoder().decode(jwt[2])), "signed with the service account's key");
        JsonNode claims = json(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
        assertEquals("relay@proj-1.iam.gserviceaccount.com", claims.path("iss").asText());
        assertEquals(relay.upstream.baseUrl() + "/token", claims.path("aud").asText());

        List<LogEntry> logs = relay.logs();
        assertEquals(2, logs.size());
        assertEquals(3, logs.get(0).promptTokens());
        assertEquals(1, logs.get(0).completionTokens());
    }

    @Test
    void streamsThroughVertexWithTheToken() throws Exception {
        start(Map.of(), "gemini-1.5-pro-002");
        script(MockUpstream.Stream.sse(List.of(
                "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hel\"}]}}]}\r\n\r\n",
                "data: {\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"lo\"}]},"
                        + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":3,"
                        + "\"candidatesTokenCount\":2,\"totalTokenCount\":5}}\r\n\r\n")));

        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"gemini-1.5-pro-002\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        List<String> events = events(response.body());
        assertEquals("Hel", json(events.get(0)).path("choices").path(0).path("delta").path("content").asText());
        assertEquals("[DONE]", events.get(events.size() - 1));
        MockUpstream.Received call = calls(VERTEX_PATH).get(0);
        assertEquals(VERTEX_PATH + ":streamGenerateContent?alt=sse", call.uri());
        assertEquals("Bearer ya29.token-1", call.header("Authorization"));
        LogEntry log = relay.onlyLog();
        assertEquals(2, log.completionTokens());
    }

    @Test
    void aRefusedKeyFailsWithoutCallingVertexAndDisablesTheChannel() throws Exception {
        int id = start(Map.of("AutomaticDisableChannelEnabled", "true"), "gemini-1.5-pro-002");
        relay.upstream.script(r -> r.uri().equals("/token")
                ? new MockUpstream.Json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid JWT Signature.\"}")
                : new MockUpstream.Json(200, ANSWER));

        HttpResponse<String> response = relay.post("/v1/chat/completions", CHAT);

        assertEquals(502, response.statusCode(), response.body());
        JsonNode error = json(response.body()).path("error");
        assertEquals("credential_refused", error.path("code").asText());
        assertTrue(error.path("message").asText()
                .startsWith("The token endpoint answered 400: invalid_grant: Invalid JWT Signature."), error.toString());
        assertEquals(0, calls(VERTEX_PATH).size());
        assertEquals(ProviderChannel.STATUS_AUTO_DISABLED, relay.awaitChannelStatus(id, ProviderChannel.STATUS_AUTO_DISABLED));
    }

    @Test
    void aTokenVertexRejectsIsDroppedAndTheNextRequestFetchesANewOne() throws Exception {
        start(Map.of(), "gemini-1.5-pro-002");
        AtomicInteger vertexCalls = new AtomicInteger();
        relay.upstream.script(r -> {
            if (r.uri().equals("/token")) {
                return new MockUpstream.Json(200, "{\"access_token\":\"ya29.token-" + tokensIssued.incrementAndGet()
                        + "\",\"expires_in\":3599}");
            }
            return vertexCalls.incrementAndGet() == 1
                    ? new MockUpstream.Json(401, "{\"error\":{\"code\":401,\"message\":\"Request had invalid"
                            + " authentication credentials.\",\"status\":\"UNAUTHENTICATED\"}}")
                    : new MockUpstream.Json(200, ANSWER);
        });

        assertEquals(401, relay.post("/v1/chat/completions", CHAT).statusCode());
        HttpResponse<String> retried = relay.post("/v1/chat/completions", CHAT);

        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals(2, calls("/token").size());
        assertEquals("Bearer ya29.token-2", calls(VERTEX_PATH).get(1).header("Authorization"));
    }

    @Test
    void claudeOnVertexIsRefusedClearly() throws Exception {
        start(Map.of(), "claude-3-5-sonnet-v2@20241022");
        script(new MockUpstream.Json(200, ANSWER));

        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"claude-3-5-sonnet-v2@20241022\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(400, response.statusCode());
        assertTrue(json(response.body()).path("error").path("message").asText().startsWith("Claude models on Vertex AI"));
        assertEquals(0, relay.upstream.requestCount(), "not even a token call");
    }

    private static String formValue(String form, String name) {
        for (String pair : form.split("&")) {
            if (pair.startsWith(name + "=")) {
                return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError(name + " missing from " + form);
    }
}
