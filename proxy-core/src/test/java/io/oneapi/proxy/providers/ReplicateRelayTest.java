package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.ProviderRelay.events;
import static io.oneapi.proxy.providers.ProviderRelay.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.plugin.replicate.ReplicateAdapter;
import io.oneapi.proxy.plugin.PluginRegistry;
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
 * Replicate end to end: a streamed chat reads the prediction's stream URL as soon as the prediction names it
 * (a follow-up the core sends), a unary chat waits for the prediction and is billed with its token metrics, an
 * image prediction's file URL comes back, and the packaged plugin jar serves type 46.
 */
class ReplicateRelayTest {
    static final String CREATE = "/v1/models/meta/meta-llama-3-8b-instruct/predictions";

    @TempDir
    Path dir;
    ProviderRelay relay;

    @BeforeEach
    void start() {
        relay = new ProviderRelay(dir, new ReplicateAdapter());
        relay.channel(46, relay.upstream.baseUrl(), "meta/meta-llama-3-8b-instruct,black-forest-labs/flux-schnell",
                "{}", "r8_token");
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void aStreamIsReadFromThePredictionsStreamUrlAndCountedByTheCore() throws Exception {
        String streamUrl = relay.upstream.baseUrl() + "/stream/p1";
        relay.upstream.script(r -> r.uri().equals(CREATE)
                ? new MockUpstream.Json(201, "{\"id\":\"p1\",\"status\":\"starting\",\"urls\":{\"get\":\""
                        + relay.upstream.baseUrl() + "/v1/predictions/p1\",\"stream\":\"" + streamUrl + "\"}}")
                : MockUpstream.Stream.sse(List.of("event: output\nid: 1\ndata: Once upon\n\n",
                        "event: output\nid: 2\ndata:  a time\n\n", "event: done\nid: 3\ndata: {}\n\n")));

        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"meta/meta-llama-3-8b-instruct\","
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Tell me a story\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Once upon a time", ProviderRelay.streamedText(response.body()));
        List<String> events = events(response.body());
        assertEquals("stop", json(events.get(events.size() - 2)).path("choices").path(0).path("finish_reason").asText());
        List<MockUpstream.Received> calls = relay.upstream.received();
        assertEquals(2, calls.size(), "create, then the stream");
        assertEquals("POST", calls.get(0).method());
        assertEquals("user: Tell me a story\n", json(calls.get(0).bodyText()).path("input").path("prompt").asText());
        assertEquals("GET /stream/p1", calls.get(1).method() + " " + calls.get(1).uri());
        assertEquals("text/event-stream", calls.get(1).header("Accept"));
        assertEquals("Bearer r8_token", calls.get(1).header("Authorization"));
        LogEntry log = relay.onlyLog();
        assertTrue(log.isStream());
        assertTrue(log.completionTokens() > 0, "counted by the core: " + log.completionTokens());
        relay.assertCharged(log);
    }

    @Test
    void aUnaryChatWaitsForThePredictionAndIsBilledWithItsMetrics() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(201, "{\"id\":\"p2\",\"status\":\"succeeded\",\"output\":[\"Hi\","
                + "\" there\"],\"metrics\":{\"input_token_count\":9,\"output_token_count\":2},\"urls\":{\"get\":\"x\"}}"));

        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"meta/meta-llama-3-8b-instruct\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("Hi there", json(response.body()).path("choices").path(0).path("message").path("content").asText());
        assertEquals("wait", relay.received().header("Prefer"));
        LogEntry log = relay.onlyLog();
        assertEquals(9, log.promptTokens());
        assertEquals(2, log.completionTokens());
    }

    @Test
    void anImagePredictionsFileUrlComesBack() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(201, "{\"id\":\"i1\",\"status\":\"succeeded\","
                + "\"output\":[\"https://replicate.delivery/xezq/out-0.webp\"],\"urls\":{\"get\":\"x\"}}"));

        HttpResponse<String> response = relay.post("/v1/images/generations",
                "{\"model\":\"black-forest-labs/flux-schnell\",\"prompt\":\"a lighthouse\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("https://replicate.delivery/xezq/out-0.webp",
                json(response.body()).path("data").path(0).path("url").asText());
        assertEquals("/v1/models/black-forest-labs/flux-schnell/predictions", relay.received().uri());
    }

    @Test
    void noCreditLeftIsPassedOnWithReplicatesDetail() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(402, "{\"title\":\"Insufficient credit\",\"detail\":"
                + "\"You have insufficient credit to run this model.\",\"status\":402}"));

        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"meta/meta-llama-3-8b-instruct\","
                + "\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(402, response.statusCode(), response.body());
        assertTrue(json(response.body()).path("error").path("message").asText()
                .startsWith("You have insufficient credit to run this model."), response.body());
    }

    @Test
    void thePackagedJarServesTypeFortySix() {
        Path folder = Path.of(System.getProperty(PluginRegistry.PLUGINS_DIR_PROPERTY, "missing"));
        try (PluginRegistry registry = PluginRegistry.load(folder)) {
            assertEquals("replicate", registry.adapterFor(46).orElseThrow().descriptor().id());
            assertEquals("https://api.replicate.com", registry.defaultBaseUrl(46));
            assertEquals("replicate", registry.models().find("black-forest-labs/flux-schnell").orElseThrow().ownedBy());
        }
    }
}
