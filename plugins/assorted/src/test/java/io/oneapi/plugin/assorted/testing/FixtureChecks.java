package io.oneapi.plugin.assorted.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.plugin.assorted.common.ResponseStamp;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs a provider's fixtures through its adapter. Every case translates its client request; the sections
 * it holds say what else to check:
 * <ul>
 *   <li>{@code upstream}: the upstream request ({@code method}, {@code url}, {@code headers} as pairs,
 *       {@code body}, null when the client's body is forwarded), checked when the case names a body (the
 *       defaults may hold the URL and headers); or {@code rejected}: the message of the
 *       {@link IllegalArgumentException} the translation must throw;</li>
 *   <li>{@code reply} ({@code status}, {@code body} or {@code text}) with {@code client}: the translated
 *       {@code status}, {@code body} (or {@code "upstream"} when the upstream body must come back as it
 *       is, for the core to report) and {@code usage} ([prompt, completion, total] or {@code "none"});</li>
 *   <li>{@code stream} ({@code framing} sse|ndjson, {@code file} or {@code text}, optional
 *       {@code cutAt}: a character offset where the connection breaks) with {@code chunks} and
 *       {@code usage};</li>
 *   <li>{@code failure} ({@code status}, {@code body} or {@code text}) with {@code kind} and
 *       {@code message}.</li>
 * </ul>
 */
public final class FixtureChecks {
    /** The stamp every fixture adapter uses, so ids and times are predictable. */
    public static final Supplier<ResponseStamp> STAMP = () -> new ResponseStamp("test", 1700000000L);
    private static final ObjectMapper JSON = new ObjectMapper();

    private FixtureChecks() {
    }

    public static Stream<DynamicTest> run(String provider, ProviderAdapter adapter) {
        List<ProviderFixture> fixtures = ProviderFixture.all(provider);
        assertFalse(fixtures.isEmpty(), "no fixtures for " + provider);
        return fixtures.stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> check(f, adapter)));
    }

    private static void check(ProviderFixture fixture, ProviderAdapter adapter) throws IOException {
        JsonNode node = fixture.node();
        if (node.has("rejected")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> adapter.newExchange(fixture.context()).translateRequest(fixture.request()));
            assertEquals(node.get("rejected").asText(), error.getMessage());
            return;
        }
        ProviderExchange exchange = adapter.newExchange(fixture.context());
        UpstreamRequest upstream = exchange.translateRequest(fixture.request());
        if (node.path("upstream").has("body")) {
            checkUpstream(node.get("upstream"), upstream);
        }
        if (node.has("reply")) {
            checkReply(node, exchange);
        }
        if (node.has("stream")) {
            checkStream(fixture, exchange);
        }
        if (node.has("failure")) {
            JsonNode failure = node.get("failure");
            byte[] body = bytes(failure);
            assertEquals(node.get("kind").asText(),
                    adapter.classifyError(failure.path("status").asInt(), UpstreamHeaders.NONE, body).name(), "kind");
            JsonNode message = node.get("message");
            assertEquals(message.isNull() ? null : message.asText(),
                    exchange.errorMessage(failure.path("status").asInt(), body), "message");
        }
    }

    private static void checkUpstream(JsonNode expect, UpstreamRequest upstream) throws IOException {
        assertEquals(expect.path("method").asText("POST"), upstream.method(), "method");
        assertEquals(expect.get("url").asText(), upstream.url(), "url");
        List<String> headers = new ArrayList<>();
        expect.path("headers").forEach(pair -> headers.add(pair.get(0).asText() + ": " + pair.get(1).asText()));
        assertEquals(headers.stream().sorted().toList(),
                upstream.headers().stream().map(h -> h.name() + ": " + h.value()).sorted().toList(), "headers");
        JsonNode body = expect.get("body");
        if (body == null || body.isNull()) {
            assertTrue(upstream.forwardsClientBody(), "the client's body should go upstream untouched");
        } else {
            assertFalse(upstream.forwardsClientBody(), "the body should have been translated");
            assertEquals(body, JSON.readTree(upstream.body()), "body");
        }
    }

    private static void checkReply(JsonNode node, ProviderExchange exchange) throws IOException {
        JsonNode reply = node.get("reply");
        byte[] upstreamBody = bytes(reply);
        TranslatedBody translated = exchange.translateBody(reply.path("status").asInt(200), UpstreamHeaders.NONE,
                upstreamBody);
        JsonNode client = node.get("client");
        assertEquals(client.path("status").asInt(200), translated.status(), "status");
        if (client.path("body").asText().equals("upstream")) {
            assertEquals(new String(upstreamBody, StandardCharsets.UTF_8),
                    new String(translated.body(), StandardCharsets.UTF_8), "the upstream body comes back as is");
        } else {
            assertEquals(client.get("body"), JSON.readTree(translated.body()), "body");
        }
        assertUsage(client.path("usage"), translated.usage());
    }

    private static void checkStream(ProviderFixture fixture, ProviderExchange exchange) throws IOException {
        JsonNode stream = fixture.node().get("stream");
        String text = stream.has("file") ? fixture.read(stream.get("file").asText()) : stream.path("text").asText();
        if (stream.has("cutAt")) {
            text = text.substring(0, stream.get("cutAt").asInt());
        }
        List<byte[]> emitted = new ArrayList<>();
        for (SseEvent event : UpstreamEvents.split(text, stream.path("framing").asText("sse"))) {
            exchange.onEvent(event, emitted::add);
        }
        exchange.onStreamEnd(emitted::add);
        List<JsonNode> chunks = new ArrayList<>();
        for (byte[] chunk : emitted) {
            chunks.add(JSON.readTree(chunk));
        }
        List<JsonNode> expected = new ArrayList<>();
        fixture.node().path("chunks").forEach(expected::add);
        assertEquals(expected, chunks, "chunks");
        assertUsage(fixture.node().path("usage"), exchange.usage());
    }

    private static void assertUsage(JsonNode expect, Usage actual) {
        if (expect.isMissingNode() || expect.asText().equals("none")) {
            assertTrue(actual == null || actual.isEmpty(), "no usage expected, got " + actual);
            return;
        }
        assertEquals(new Usage(expect.get(0).asInt(), expect.get(1).asInt(), expect.get(2).asInt()), actual,
                "usage");
    }

    private static byte[] bytes(JsonNode section) {
        String text = section.has("text") ? section.get("text").asText() : section.path("body").toString();
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
