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
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Vertex AI (channel type 42) end to end: the gateway turns the channel's service-account key into an
 * OAuth access token at the mock token endpoint (a JWT it signed), caches it, and calls the mock Vertex
 * endpoint with it. The same mock serves both: {@code /token} and {@code /v1/projects/...}, answering
 * Gemini models in Gemini's format and Claude models ({@code publishers/anthropic}) in Anthropic's.
 */
class VertexRelayTest {
    static final String CHAT = "{\"model\":\"gemini-1.5-pro-002\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    static final String VERTEX_PATH = "/v1/projects/proj-1/locations/us-central1/publishers/google/models/"
            + "gemini-1.5-pro-002";
    static final String ANSWER = "{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"text\":\"Hello\"}]},"
            + "\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":3,\"candidatesTokenCount\":1,"
            + "\"totalTokenCount\":4},\"modelVersion\":\"gemini-1.5-pro-002\"}";
    static final String CLAUDE_PATH = "/v1/projects/proj-1/locations/us-central1/publishers/anthropic/models/"
            + "claude-3-5-sonnet-v2@20241022";
    static final String CLAUDE_CHAT = "{\"model\":\"claude-3-5-sonnet-20241022\",\"max_tokens\":100,\"messages\":["
            + "{\"role\":\"system\",\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}]}";
    static final String CLAUDE_MESSAGE = "{\"id\":\"msg_vrtx_01\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-3-5-sonnet-v2-20241022\","
            + "\"content\":[{\"type\":\"text\",\"text\":\"Hello from Claude\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,"
            + "\"cache_read_input_tokens\":100,\"output_tokens\":7}}";
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
        return vertexChannel(model, "proj-1", 0);
    }

    /** A channel of {@code project} in us-central1 whose key file sends token requests to the mock. */
    private int vertexChannel(String models, String project, long priority) {
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        ObjectNode account = GeminiGateway.JSON.createObjectNode().put("type", "service_account")
                .put("project_id", "proj-1").put("private_key_id", "kid").put("private_key", pem)
                .put("client_email", "relay@proj-1.iam.gserviceaccount.com")
                .put("token_uri", relay.upstream.baseUrl() + "/token");
        ObjectNode config = GeminiGateway.JSON.createObjectNode().put("region", "us-central1")
                .put("vertex_ai_project_id", project).put("vertex_ai_adc", account.toString());
        return relay.channel(42, models, "unused-" + project, config.toString(), priority);
    }

    /** The mock: a token endpoint issuing numbered tokens, and Vertex answering with {@code vertex}. */
    private void script(MockUpstream.Action vertex) {
        script(r -> vertex);
    }

    /** The mock: a token endpoint issuing numbered tokens, and Vertex answering as {@code vertex} decides. */
    private void script(Function<MockUpstream.Received, MockUpstream.Action> vertex) {
        relay.upstream.script(r -> r.uri().equals("/token")
                ? new MockUpstream.Json(200, "{\"access_token\":\"ya29.token-" + tokensIssued.incrementAndGet()
                        + "\",\"expires_in\":3599,\"token_type\":\"Bearer\"}")
                : vertex.apply(r));
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
    void claudeOnVertexIsTranslatedToAnthropicsFormatAndBilled() throws Exception {
        start(Map.of(), "claude-3-5-sonnet-20241022");
        script(new MockUpstream.Json(200, CLAUDE_MESSAGE));

        HttpResponse<String> response = relay.post("/v1/chat/completions", CLAUDE_CHAT);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode answer = json(response.body());
        assertEquals("chatcmpl-msg_vrtx_01", answer.path("id").asText());
        assertEquals("claude-3-5-sonnet-20241022", answer.path("model").asText());
        assertEquals("Hello from Claude", answer.at("/choices/0/message/content").asText());
        assertEquals("stop", answer.at("/choices/0/finish_reason").asText());
        assertEquals(112, answer.at("/usage/prompt_tokens").asInt(), "cache reads count as prompt tokens");

        MockUpstream.Received call = calls(CLAUDE_PATH).get(0);
        assertEquals(CLAUDE_PATH + ":rawPredict", call.uri(), "Anthropic's publisher, Vertex's name for the model");
        assertEquals("Bearer ya29.token-1", call.header("Authorization"));
        assertEquals(null, call.header("x-api-key"));
        JsonNode body = json(call.bodyText());
        assertEquals("vertex-2023-10-16", body.path("anthropic_version").asText());
        assertTrue(body.path("model").isMissingNode(), "the model is in the URL: " + body);
        assertTrue(body.path("stream").isMissingNode(), body.toString());
        assertEquals("Be brief.", body.path("system").asText());
        assertEquals("Hi", body.at("/messages/0/content/0/text").asText());
        assertEquals(100, body.path("max_tokens").asInt());

        LogEntry log = relay.onlyLog();
        assertEquals("claude-3-5-sonnet-20241022", log.modelName());
        assertEquals(112, log.promptTokens());
        assertEquals(7, log.completionTokens());
        assertTrue(log.quota() > 0);
        assertEquals(GeminiGateway.USER_QUOTA - log.quota(),
                relay.gateway.storage().users().findById(relay.userId).orElseThrow().quota());
    }

    @Test
    void claudeOnVertexStreamsAnthropicsEventsAsChunksAndBillsTheirUsage() throws Exception {
        start(Map.of(), "claude-3-5-sonnet-20241022");
        script(MockUpstream.Stream.sse(List.of(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_vrtx_02\","
                        + "\"type\":\"message\",\"role\":\"assistant\",\"model\":\"claude-3-5-sonnet-v2-20241022\","
                        + "\"content\":[],\"stop_reason\":null,"
                        + "\"usage\":{\"input_tokens\":10,\"output_tokens\":1}}}\n\n"
                        + "event: content_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,"
                        + "\"content_block\":{\"type\":\"text\",\"text\":\"\"}}\n\n"
                        + "event: ping\ndata: {\"type\": \"ping\"}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":"
                        + "{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\nevent: content_block_del",
                "ta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\","
                        + "\"text\":\"lo\"}}\n\n"
                        + "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n",
                "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\","
                        + "\"stop_sequence\":null},\"usage\":{\"output_tokens\":4}}\n\n"
                        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n")));

        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"claude-3-5-sonnet-20241022\","
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        List<String> events = events(response.body());
        assertEquals("[DONE]", events.get(events.size() - 1));
        StringBuilder text = new StringBuilder();
        JsonNode usage = null;
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode chunk = json(event);
            assertEquals("chatcmpl-msg_vrtx_02", chunk.path("id").asText(), event);
            text.append(chunk.at("/choices/0/delta/content").asText(""));
            usage = chunk.has("usage") ? chunk.get("usage") : usage;
        }
        assertEquals("Hello", text.toString());
        assertEquals(14, usage.path("total_tokens").asInt());
        MockUpstream.Received call = calls(CLAUDE_PATH).get(0);
        assertEquals(CLAUDE_PATH + ":streamRawPredict", call.uri());
        assertEquals("Bearer ya29.token-1", call.header("Authorization"));
        JsonNode body = json(call.bodyText());
        assertTrue(body.path("stream").asBoolean(), body.toString());
        assertEquals("vertex-2023-10-16", body.path("anthropic_version").asText());

        LogEntry log = relay.onlyLog();
        assertTrue(log.isStream());
        assertEquals(10, log.promptTokens());
        assertEquals(4, log.completionTokens());
    }

    @Test
    void claudesOwnErrorsOnVertexAreClassifiedAsAnthropicsAre() throws Exception {
        relay = new GeminiGateway(dir, Map.of(), Map.of("RetryTimes", "1", "AutomaticDisableChannelEnabled", "true"));
        int overloaded = vertexChannel("claude-3-5-sonnet-20241022", "proj-busy", 10);
        int fine = vertexChannel("claude-3-5-sonnet-20241022", "proj-1", 0);
        AtomicInteger claudeCalls = new AtomicInteger();
        script(r -> r.uri().contains("/projects/proj-busy/")
                ? new MockUpstream.Json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                        + "\"message\":\"Overloaded\"}}")
                : claudeCalls.incrementAndGet() == 1 ? new MockUpstream.Json(200, CLAUDE_MESSAGE)
                : new MockUpstream.Json(400, "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                        + "\"message\":\"prompt is too long: 215438 tokens > 200000 maximum\"}}"));

        HttpResponse<String> retried = relay.post("/v1/chat/completions", CLAUDE_CHAT);
        assertEquals(200, retried.statusCode(), "an overloaded Claude is retried elsewhere: " + retried.body());
        assertEquals(1, calls("/v1/projects/proj-busy/").size());

        HttpResponse<String> tooLong = relay.post("/v1/chat/completions", CLAUDE_CHAT);
        assertEquals(400, tooLong.statusCode(), tooLong.body());
        assertTrue(json(tooLong.body()).at("/error/message").asText().startsWith("prompt is too long"), tooLong.body());
        assertEquals(2, calls("/v1/projects/proj-1/").size(), "no retry for the client's own mistake");
        assertEquals(ProviderChannel.STATUS_ENABLED, channelStatus(overloaded), "an overload is transient");
        assertEquals(ProviderChannel.STATUS_ENABLED, channelStatus(fine), "a long prompt is not the key's fault");
    }

    private int channelStatus(int id) {
        return relay.gateway.storage().channels().findById(id).orElseThrow().status();
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
