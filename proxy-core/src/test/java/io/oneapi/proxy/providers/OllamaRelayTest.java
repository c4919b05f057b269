package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.ProviderRelay.events;
import static io.oneapi.proxy.providers.ProviderRelay.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.assorted.ollama.OllamaAdapter;
import io.oneapi.proxy.fetch.ImageServer;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.storage.LogEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ollama end to end: chat (unary and NDJSON stream), images inline, a broken stream, embeddings, an
 * upstream error.
 */
class OllamaRelayTest {
    static final String CHAT = "{\"model\":\"llama3:latest\",\"messages\":[{\"role\":\"user\",\"content\":\"Why?\"}]}";
    static final String STREAM_CHAT = "{\"model\":\"llama3:latest\",\"stream\":true,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"Why?\"}]}";
    static final List<String> NDJSON = List.of(
            "{\"model\":\"llama3:latest\",\"message\":{\"role\":\"assistant\",\"content\":\"The\"},\"done\":false}\n",
            "{\"model\":\"llama3:latest\",\"message\":{\"role\":\"assistant\",\"content\":\" sky\"},\"done\":false}\n"
                    + "{\"model\":\"llama3:latest\",\"message\":{\"role\":\"assistant\",\"con",
            "tent\":\" is blue.\"},\"done\":false}\n",
            "{\"model\":\"llama3:latest\",\"message\":{\"role\":\"assistant\",\"content\":\"\"},\"done\":true,"
                    + "\"done_reason\":\"stop\",\"prompt_eval_count\":26,\"eval_count\":4}\n");

    @TempDir
    Path dir;
    ImageServer images;
    ProviderRelay relay;

    @BeforeEach
    void start() {
        images = new ImageServer();
        relay = new ProviderRelay(dir, new OllamaAdapter(), policy -> policy.allowingLoopbackForTests(images.port()));
        relay.channel(30, "llama3:latest,llava,all-minilm", "{}");
    }

    @AfterEach
    void stop() {
        relay.close();
        images.close();
    }

    @Test
    void unaryChatIsTranslatedBothWaysAndBilledWithOllamasCounts() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"model\":\"llama3:latest\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"Rayleigh scattering.\"},"
                + "\"done\":true,\"done_reason\":\"stop\","
                + "\"prompt_eval_count\":26,\"eval_count\":5}"));
        HttpResponse<String> response = relay.post("/v1/chat/completions", CHAT);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals("chat.completion", body.path("object").asText());
        assertEquals("Rayleigh scattering.", body.path("choices").path(0).path("message").path("content").asText());
        assertEquals(31, body.path("usage").path("total_tokens").asInt());
        MockUpstream.Received sent = relay.received();
        assertEquals("/api/chat", sent.uri());
        assertEquals("Bearer sk-provider-key", sent.header("Authorization"));
        JsonNode upstreamBody = json(sent.bodyText());
        assertFalse(upstreamBody.path("stream").asBoolean(true), "Ollama streams unless told not to");
        assertEquals("Why?", upstreamBody.path("messages").path(0).path("content").asText());

        LogEntry log = relay.onlyLog();
        assertEquals(26, log.promptTokens());
        assertEquals(5, log.completionTokens());
        assertFalse(log.isStream());
        relay.assertCharged(log);
    }

    @Test
    void imagesGoInlineAsBase64TheHttpOneFetchedByTheCore() throws Exception {
        images.serve("/cat.png", "image/png", ImageServer.PNG, false);
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"model\":\"llava\",\"message\":"
                + "{\"role\":\"assistant\",\"content\":\"A cat.\"},\"done\":true,\"prompt_eval_count\":600,"
                + "\"eval_count\":3}"));
        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"llava\",\"messages\":"
                + "[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + images.url("/cat.png") + "\"}},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/gif;base64,R0lGODlh\"}}]}]}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode message = json(relay.received().bodyText()).path("messages").path(0);
        assertEquals("What is this?", message.path("content").asText());
        assertEquals(Base64.getEncoder().encodeToString(ImageServer.PNG), message.path("images").path(0).asText());
        assertEquals("R0lGODlh", message.path("images").path(1).asText());
        assertEquals(1, images.hits("/cat.png"));
        assertEquals(600, relay.onlyLog().promptTokens());
    }

    @Test
    void ndjsonStreamBecomesSseEvenWhenLinesSplitAcrossPackets() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Stream(200, "application/x-ndjson", NDJSON, 0, -1));
        HttpResponse<String> response = relay.post("/v1/chat/completions", STREAM_CHAT);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        List<String> events = events(response.body());
        assertEquals(5, events.size(), response.body());
        assertEquals("The sky is blue.", ProviderRelay.streamedText(response.body()));
        assertEquals("assistant", json(events.get(0)).path("choices").path(0).path("delta").path("role").asText());
        assertEquals("stop", json(events.get(3)).path("choices").path(0).path("finish_reason").asText());
        assertEquals("[DONE]", events.get(4));
        assertTrue(json(relay.received().bodyText()).path("stream").asBoolean());

        LogEntry log = relay.onlyLog();
        assertEquals(26, log.promptTokens());
        assertEquals(4, log.completionTokens());
        assertTrue(log.isStream());
    }

    @Test
    void aStreamBrokenMidwayEndsWithAnErrorEventAndIsBilledForWhatWasStreamed() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Stream(200, "application/x-ndjson", NDJSON, 0, 2));
        HttpResponse<String> response = relay.post("/v1/chat/completions", STREAM_CHAT);

        assertEquals(200, response.statusCode());
        List<String> events = events(response.body());
        assertEquals("The sky", ProviderRelay.streamedText(response.body()), "the half line is dropped");
        assertTrue(events.get(events.size() - 1).contains("\"error\""), response.body());
        assertFalse(events.contains("[DONE]"), "a cut answer must not look complete");
        assertTrue(events.stream().noneMatch(e -> e.contains("\"finish_reason\":\"stop\"")), "no clean finish");

        LogEntry log = relay.onlyLog();
        assertEquals(2, log.completionTokens(), "counted locally: 'The sky'");
        assertTrue(log.promptTokens() > 0);
    }

    @Test
    void embeddingsGoToApiEmbedAndAreBilledWithThePromptCount() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"model\":\"all-minilm\","
                + "\"embeddings\":[[0.25,-0.5],[0.125,1.0]],\"prompt_eval_count\":12}"));
        HttpResponse<String> response = relay.post("/v1/embeddings",
                "{\"model\":\"all-minilm\",\"input\":[\"a b c\",\"d e f\"]}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals(2, body.path("data").size());
        assertEquals(-0.5, body.path("data").path(0).path("embedding").path(1).asDouble());
        assertEquals("/api/embed", relay.received().uri());
        assertEquals(12, relay.onlyLog().promptTokens());
    }

    @Test
    void aMissingModelIsPassedOnAs404WithOllamasMessageAndNotBilled() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(404,
                "{\"error\":\"model 'llama3:latest' not found, try pulling it first\"}"));
        HttpResponse<String> response = relay.post("/v1/chat/completions", CHAT);

        assertEquals(404, response.statusCode());
        assertTrue(json(response.body()).path("error").path("message").asText().contains("try pulling it first"),
                response.body());
        relay.gateway.stopProxy();
        assertEquals(ProviderRelay.USER_QUOTA,
                relay.gateway.storage().users().findById(relay.userId).orElseThrow().quota());
    }
}
