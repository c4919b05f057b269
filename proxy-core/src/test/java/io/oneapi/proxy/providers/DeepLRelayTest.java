package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.ProviderRelay.events;
import static io.oneapi.proxy.providers.ProviderRelay.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.assorted.deepl.DeepLAdapter;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.storage.LogEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DeepL end to end: a translation as a chat completion, and as a stream although DeepL never streams
 * (the core's unary-as-stream path); an exhausted quota.
 */
class DeepLRelayTest {
    static final String TRANSLATION = "{\"translations\":[{\"detected_source_language\":\"EN\",\"text\":\"你好，世界！\","
            + "\"billed_characters\":13}]}";

    @TempDir
    Path dir;
    ProviderRelay relay;

    @BeforeEach
    void start() {
        relay = new ProviderRelay(dir, new DeepLAdapter());
        relay.channel(38, "deepl-zh,deepl-ja", "{}");
        relay.upstream.script(r -> new MockUpstream.Json(200, TRANSLATION));
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void aTranslationIsAChatCompletionBilledByCharacters() throws Exception {
        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"deepl-zh\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello, world!\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals("你好，世界！", body.path("choices").path(0).path("message").path("content").asText());
        MockUpstream.Received sent = relay.received();
        assertEquals("/v2/translate", sent.uri());
        assertEquals("DeepL-Auth-Key sk-provider-key", sent.header("Authorization"));
        assertEquals("ZH", json(sent.bodyText()).path("target_lang").asText());
        LogEntry log = relay.onlyLog();
        assertEquals(13, log.promptTokens());
        assertEquals(0, log.completionTokens());
        assertFalse(log.isStream());
        relay.assertCharged(log);
    }

    @Test
    void aStreamingClientGetsTheTranslationAsOneChunkThenDone() throws Exception {
        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"deepl-zh\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello, world!\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        List<String> events = events(response.body());
        assertEquals(2, events.size(), response.body());
        JsonNode chunk = json(events.get(0));
        assertEquals("chat.completion.chunk", chunk.path("object").asText());
        assertEquals("你好，世界！", chunk.path("choices").path(0).path("delta").path("content").asText());
        assertEquals("stop", chunk.path("choices").path(0).path("finish_reason").asText());
        assertTrue(chunk.path("usage").isMissingNode(), "no usage in streams of non-OpenAI providers");
        assertEquals("[DONE]", events.get(1));
        LogEntry log = relay.onlyLog();
        assertEquals(13, log.promptTokens());
        assertTrue(log.isStream(), "the client asked for and got a stream");
    }

    @Test
    void aUsedUpQuotaIsAnErrorBeforeAnyStreamStarts() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(456, "{\"message\":\"Quota exceeded\"}"));
        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"deepl-zh\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]}");
        assertEquals(456, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals("Quota exceeded", json(response.body()).path("error").path("message").asText()
                .replaceAll(" \\(request id: .*\\)$", ""));
    }
}
