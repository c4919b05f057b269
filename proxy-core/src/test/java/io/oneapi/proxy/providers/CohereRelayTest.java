package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.ProviderRelay.events;
import static io.oneapi.proxy.providers.ProviderRelay.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.assorted.cohere.CohereAdapter;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.storage.LogEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cohere end to end: v1 chat unary and as server-sent events, web search, a refused key. */
class CohereRelayTest {
    static final String REPLY = "{\"response_id\":\"r1\",\"text\":\"Bonjour !\",\"generation_id\":\"g1\","
            + "\"finish_reason\":\"COMPLETE\",\"meta\":{\"api_version\":{\"version\":\"1\"},"
            + "\"billed_units\":{\"input_tokens\":3,\"output_tokens\":3},"
            + "\"tokens\":{\"input_tokens\":70,\"output_tokens\":3}}}";
    static final List<String> SSE = List.of(
            "event: stream-start\ndata: {\"is_finished\":false,\"event_type\":\"stream-start\"}\n\n",
            "event: text-generation\ndata: {\"event_type\":\"text-generation\",\"text\":\"Bon\"}\n\n",
            "event: text-generation\ndata: {\"event_type\":\"text-generation\",\"text\":\"jour\"}\n\n",
            "event: stream-end\ndata: {\"is_finished\":true,\"event_type\":\"stream-end\","
                    + "\"finish_reason\":\"COMPLETE\","
                    + "\"response\":{\"response_id\":\"r\",\"text\":\"Bonjour\",\"meta\":{\"tokens\":"
                    + "{\"input_tokens\":70,\"output_tokens\":2}}}}\n\n");

    @TempDir
    Path dir;
    ProviderRelay relay;

    @BeforeEach
    void start() {
        relay = new ProviderRelay(dir, new CohereAdapter());
        relay.channel(35, "command-r,command-r-internet", "{}");
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void unaryChatWithHistoryIsBilledWithCoheresTokenCounts() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200, REPLY));
        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"command-r-internet\","
                + "\"messages\":[{\"role\":\"system\",\"content\":\"Answer in French.\"},"
                + "{\"role\":\"user\",\"content\":\"Hello\"},{\"role\":\"assistant\",\"content\":\"Hi\"},"
                + "{\"role\":\"user\",\"content\":\"Say hello\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals("Bonjour !", body.path("choices").path(0).path("message").path("content").asText());
        assertEquals("stop", body.path("choices").path(0).path("finish_reason").asText());
        MockUpstream.Received sent = relay.received();
        assertEquals("/v1/chat", sent.uri());
        JsonNode upstream = json(sent.bodyText());
        assertEquals("command-r", upstream.path("model").asText());
        assertEquals("web-search", upstream.path("connectors").path(0).path("id").asText());
        assertEquals("Say hello", upstream.path("message").asText());
        assertEquals("Answer in French.", upstream.path("preamble").asText());
        assertEquals(2, upstream.path("chat_history").size());

        LogEntry log = relay.onlyLog();
        assertEquals(70, log.promptTokens());
        assertEquals(3, log.completionTokens());
        assertEquals("command-r-internet", log.modelName());
        relay.assertCharged(log);
    }

    @Test
    void serverSentEventsAreTranslatedToChunksWithAFinish() throws Exception {
        relay.upstream.script(r -> MockUpstream.Stream.sse(SSE));
        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"command-r\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        List<String> events = events(response.body());
        assertEquals(List.of("Bonjour", "stop", "[DONE]"), List.of(ProviderRelay.streamedText(response.body()),
                json(events.get(2)).path("choices").path(0).path("finish_reason").asText(), events.get(3)));
        assertEquals("text/event-stream", relay.received().header("Accept"));
        LogEntry log = relay.onlyLog();
        assertEquals(70, log.promptTokens());
        assertEquals(2, log.completionTokens());
        assertTrue(log.isStream());
    }

    @Test
    void aRefusedKeyIsPassedOnWithCoheresMessage() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(401, "{\"message\":\"invalid api token\"}"));
        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"command-r\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertEquals(401, response.statusCode());
        assertTrue(json(response.body()).path("error").path("message").asText().contains("invalid api token"),
                response.body());
    }
}
