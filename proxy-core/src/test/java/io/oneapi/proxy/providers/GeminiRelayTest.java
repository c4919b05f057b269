package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.GeminiGateway.events;
import static io.oneapi.proxy.providers.GeminiGateway.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.ProviderChannel;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gemini (channel type 24) end to end: real gateway, real SQLite, a mock speaking Gemini's wire format,
 * an HTTP client speaking OpenAI's. Chat unary and streamed (also cut short), tool calls, embeddings, and
 * Google errors driving retry and automatic disable.
 */
class GeminiRelayTest {
    static final String CHAT = "{\"model\":\"gemini-1.5-flash\",\"messages\":[{\"role\":\"system\",\"content\":"
            + "\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}],\"temperature\":0.2}";
    static final String ANSWER = "{\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hello there!\"}],"
            + "\"role\":\"model\"},\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":11,"
            + "\"candidatesTokenCount\":4,\"thoughtsTokenCount\":6,\"totalTokenCount\":21},"
            + "\"modelVersion\":\"gemini-1.5-flash\",\"responseId\":\"resp-1\"}";

    @TempDir
    Path dir;
    GeminiGateway relay;

    private void start(Map<String, String> options) {
        relay = new GeminiGateway(dir, Map.of("GEMINI_SAFETY_SETTING", "BLOCK_ONLY_HIGH"), options);
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void unaryChatIsTranslatedBothWaysAndBilledFromUsageMetadata() throws Exception {
        start(Map.of());
        relay.channel(24, "gemini-1.5-flash", "AIza-one", "{}");
        relay.upstream.script(r -> new MockUpstream.Json(200, ANSWER));

        HttpResponse<String> response = relay.post("/v1/chat/completions", CHAT);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals("chatcmpl-resp-1", body.path("id").asText());
        assertEquals("chat.completion", body.path("object").asText());
        assertEquals("Hello there!", body.path("choices").path(0).path("message").path("content").asText());
        assertEquals("stop", body.path("choices").path(0).path("finish_reason").asText());
        assertEquals(21, body.path("usage").path("total_tokens").asInt());

        MockUpstream.Received sent = relay.upstream.received().get(0);
        assertEquals("/v1beta/models/gemini-1.5-flash:generateContent", sent.uri());
        assertEquals("AIza-one", sent.header("x-goog-api-key"));
        assertEquals(null, sent.header("Authorization"), "the key travels in x-goog-api-key only");
        JsonNode upstreamBody = json(sent.bodyText());
        assertEquals("Be brief.", upstreamBody.path("systemInstruction").path("parts").path(0).path("text").asText());
        assertEquals("BLOCK_ONLY_HIGH", upstreamBody.path("safetySettings").path(0).path("threshold").asText(),
                "GEMINI_SAFETY_SETTING reaches the adapter");
        assertEquals(0.2, upstreamBody.path("generationConfig").path("temperature").asDouble());

        LogEntry log = relay.onlyLog();
        assertEquals(11, log.promptTokens(), "Gemini's own count, not a local estimate");
        assertEquals(10, log.completionTokens(), "candidates plus thinking tokens");
        assertEquals(GeminiGateway.USER_QUOTA - log.quota(),
                relay.gateway.storage().users().findById(relay.userId).orElseThrow().quota());
    }

    @Test
    void streamIsTranslatedChunkByChunkWithAUsageChunkWhenAsked() throws Exception {
        start(Map.of());
        relay.channel(24, "gemini-2.0-flash", "AIza-one", "{\"api_version\":\"v1beta\"}");
        relay.upstream.script(r -> MockUpstream.Stream.sse(List.of(
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}],\"role\":\"model\"},\"index\":0}],"
                        + "\"usageMetadata\":{\"promptTokenCount\":7,\"totalTokenCount\":7}}\r\n\r\n",
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}],\"role\":\"model\"},"
                        + "\"finishReason\":\"STOP\",\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":7,"
                        + "\"candidatesTokenCount\":2,\"totalTokenCount\":9}}\r\n\r\n")));

        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"gemini-2.0-flash\","
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true},"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        List<String> events = events(response.body());
        assertEquals(4, events.size(), response.body());
        assertEquals("Hel", json(events.get(0)).path("choices").path(0).path("delta").path("content").asText());
        assertEquals("assistant", json(events.get(0)).path("choices").path(0).path("delta").path("role").asText());
        assertEquals("stop", json(events.get(1)).path("choices").path(0).path("finish_reason").asText());
        assertEquals(9, json(events.get(2)).path("usage").path("total_tokens").asInt());
        assertEquals("[DONE]", events.get(3));
        assertEquals("/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse",
                relay.upstream.received().get(0).uri());

        LogEntry log = relay.onlyLog();
        assertTrue(log.isStream());
        assertEquals(7, log.promptTokens());
        assertEquals(2, log.completionTokens());
    }

    @Test
    void aStreamCutShortEndsWithAnErrorEventAndIsBilledForWhatCame() throws Exception {
        start(Map.of());
        relay.channel(24, "gemini-1.5-flash", "AIza-one", "{}");
        relay.upstream.script(r -> new MockUpstream.Stream(200, "text/event-stream", List.of(
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Once upon\"}],\"role\":\"model\"},"
                        + "\"index\":0}],\"usageMetadata\":{\"promptTokenCount\":5,\"candidatesTokenCount\":2,"
                        + "\"totalTokenCount\":7}}\n\n",
                "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\" a ti"), 0, 1));

        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"gemini-1.5-flash\","
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Story\"}]}");

        assertEquals(200, response.statusCode());
        List<String> events = events(response.body());
        assertEquals("Once upon", json(events.get(0)).path("choices").path(0).path("delta").path("content").asText());
        assertTrue(json(events.get(events.size() - 1)).has("error"), response.body());
        assertFalse(events.contains("[DONE]"), "a cut answer must not look complete");
        LogEntry log = relay.onlyLog();
        assertEquals(5, log.promptTokens());
        assertEquals(2, log.completionTokens(), "Gemini's running count up to the cut");
    }

    @Test
    void functionCallsComeBackAsToolCallsAndToolResultsGoBackAsFunctionResponses() throws Exception {
        start(Map.of());
        relay.channel(24, "gemini-2.5-flash", "AIza-one", "{}");
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"candidates\":[{\"content\":{\"role\":\"model\","
                + "\"parts\":[{\"functionCall\":{\"name\":\"get_weather\",\"args\":{\"city\":\"Paris\"}},"
                + "\"thoughtSignature\":\"c2ln\"}]},\"finishReason\":\"STOP\",\"index\":0}],"
                + "\"usageMetadata\":{\"promptTokenCount\":30,\"candidatesTokenCount\":8,\"totalTokenCount\":38}}"));
        String tools = "\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":"
                + "{\"type\":\"object\",\"additionalProperties\":false,\"properties\":{\"city\":{\"type\":\"string\"}}}}}]";

        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"gemini-2.5-flash\","
                + tools + ",\"tool_choice\":\"auto\",\"messages\":[{\"role\":\"user\",\"content\":\"Weather?\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode choice = json(response.body()).path("choices").path(0);
        assertEquals("tool_calls", choice.path("finish_reason").asText());
        JsonNode call = choice.path("message").path("tool_calls").path(0);
        assertEquals("get_weather", call.path("function").path("name").asText());
        assertEquals("{\"city\":\"Paris\"}", call.path("function").path("arguments").asText());
        JsonNode sentTools = json(relay.upstream.received().get(0).bodyText()).path("tools").path(0);
        assertTrue(sentTools.path("functionDeclarations").path(0).path("parameters").has("properties"));
        assertTrue(!sentTools.path("functionDeclarations").path(0).path("parameters").has("additionalProperties"));

        // The client runs the tool and replays the history, signature included.
        relay.upstream.script(r -> new MockUpstream.Json(200, ANSWER));
        String history = "{\"model\":\"gemini-2.5-flash\"," + tools + ",\"messages\":[{\"role\":\"user\",\"content\":"
                + "\"Weather?\"},{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[" + call + "]},"
                + "{\"role\":\"tool\",\"tool_call_id\":\"" + call.path("id").asText() + "\",\"content\":\"{\\\"temp\\\":21}\"}]}";
        assertEquals(200, relay.post("/v1/chat/completions", history).statusCode());
        JsonNode replay = json(relay.upstream.received().get(1).bodyText()).path("contents");
        assertEquals("c2ln", replay.path(1).path("parts").path(0).path("thoughtSignature").asText());
        assertEquals("get_weather", replay.path(2).path("parts").path(0).path("functionResponse").path("name").asText());
        assertEquals(21, replay.path(2).path("parts").path(0).path("functionResponse").path("response").path("temp").asInt());
    }

    @Test
    void embeddingsUseBatchEmbedContentsAndTheCoreCountsTheInput() throws Exception {
        start(Map.of());
        relay.channel(24, "text-embedding-004", "AIza-one", "{}");
        relay.upstream.script(r -> new MockUpstream.Json(200,
                "{\"embeddings\":[{\"values\":[0.1,0.2]},{\"values\":[0.3,0.4]}]}"));

        HttpResponse<String> response = relay.post("/v1/embeddings",
                "{\"model\":\"text-embedding-004\",\"input\":[\"hello world\",\"second text\"]}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals(2, body.path("data").size());
        assertEquals(0.3, body.path("data").path(1).path("embedding").path(0).asDouble());
        assertEquals("/v1/models/text-embedding-004:batchEmbedContents", relay.upstream.received().get(0).uri());
        assertTrue(relay.onlyLog().promptTokens() > 0, "no usage from Gemini: counted by the gateway");
    }

    @Test
    void aRateLimitedChannelIsRetriedOnAnother() throws Exception {
        start(Map.of("RetryTimes", "1"));
        relay.channel(24, "gemini-1.5-flash", "AIza-limited", "{}");
        relay.channel(24, "gemini-1.5-flash", "AIza-fine", "{}");
        relay.upstream.script(r -> "AIza-limited".equals(r.header("x-goog-api-key"))
                ? new MockUpstream.Json(429, "{\"error\":{\"code\":429,\"message\":\"Resource has been exhausted"
                        + " (e.g. check quota).\",\"status\":\"RESOURCE_EXHAUSTED\"}}")
                : new MockUpstream.Json(200, ANSWER));

        HttpResponse<String> response = relay.post("/v1/chat/completions", CHAT);

        assertEquals(200, response.statusCode(), response.body());
        // The two channels share a priority, so the first pick is random: when it hit the limited key, the
        // retry must have moved to the other one.
        var received = relay.upstream.received();
        assertEquals("AIza-fine", received.get(received.size() - 1).header("x-goog-api-key"));
        if (received.size() == 2) {
            assertEquals("AIza-limited", received.get(0).header("x-goog-api-key"));
        } else {
            assertEquals(1, received.size());
        }
    }

    @Test
    void aRejectedKeyDisablesTheChannelAndTheClientSeesGooglesMessage() throws Exception {
        start(Map.of("AutomaticDisableChannelEnabled", "true"));
        int id = relay.channel(24, "gemini-1.5-flash", "AIza-dead", "{}");
        relay.upstream.script(r -> new MockUpstream.Json(400, "{\"error\":{\"code\":400,\"message\":\"API key not"
                + " valid. Please pass a valid API key.\",\"status\":\"INVALID_ARGUMENT\",\"details\":[{\"@type\":"
                + "\"type.googleapis.com/google.rpc.ErrorInfo\",\"reason\":\"API_KEY_INVALID\"}]}}"));

        HttpResponse<String> response = relay.post("/v1/chat/completions", CHAT);

        assertEquals(400, response.statusCode());
        assertTrue(json(response.body()).path("error").path("message").asText()
                .startsWith("API key not valid. Please pass a valid API key."), response.body());
        assertEquals(ProviderChannel.STATUS_AUTO_DISABLED, relay.awaitChannelStatus(id, ProviderChannel.STATUS_AUTO_DISABLED));
    }

    @Test
    void aBlockedPromptIsAClear400AndNotRetried() throws Exception {
        start(Map.of("RetryTimes", "2"));
        relay.channel(24, "gemini-1.5-flash", "AIza-one", "{}");
        relay.channel(24, "gemini-1.5-flash", "AIza-two", "{}");
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"promptFeedback\":{\"blockReason\":\"SAFETY\"}}"));

        HttpResponse<String> response = relay.post("/v1/chat/completions", CHAT);

        assertEquals(400, response.statusCode());
        assertTrue(json(response.body()).path("error").path("message").asText()
                .startsWith("Gemini blocked the prompt (blockReason SAFETY)"), response.body());
        assertEquals(1, relay.upstream.requestCount(), "the same prompt would be blocked anywhere");
    }

    @Test
    void refusesAnImageItCannotSendInline() throws Exception {
        start(Map.of());
        relay.channel(24, "gemini-1.5-flash", "AIza-one", "{}");
        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"gemini-1.5-flash\","
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":"
                + "\"http://169.254.169.254/latest/meta-data/\"}}]}]}");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals(0, relay.upstream.requestCount(), "nothing reached Gemini");
    }
}
