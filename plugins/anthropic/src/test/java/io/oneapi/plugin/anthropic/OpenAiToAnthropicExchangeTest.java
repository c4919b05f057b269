package io.oneapi.plugin.anthropic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.Header;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;
import io.oneapi.spi.testing.FixtureClientRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fixture-driven: {@code fixtures/anthropic/requests.json} (OpenAI request to Messages request),
 * {@code replies.json} (Claude message to chat.completion), {@code streams.json} with the recorded
 * {@code streams/*.sse} (Claude events to chunks) and {@code errors.json} (classification).
 */
class OpenAiToAnthropicExchangeTest {
    private final AnthropicAdapter adapter = new AnthropicAdapter(Fixtures.CLOCK);

    @TestFactory
    Stream<DynamicTest> translatesRequests() {
        return Fixtures.tests("anthropic/requests.json", fixture -> {
            ProviderExchange exchange = adapter.newExchange(Fixtures.context(fixture));
            assertInstanceOf(OpenAiToAnthropicExchange.class, exchange);
            assertEquals(StreamMode.TRANSLATE, exchange.streamMode());
            FixtureClientRequest request = Fixtures.request(fixture.path("request"));
            JsonNode expect = fixture.path("expect");
            if (expect.has("error")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> exchange.translateRequest(request));
                assertEquals(expect.get("error").asText(), e.getMessage());
                return;
            }
            UpstreamRequest upstream = exchange.translateRequest(request);
            assertEquals("POST", upstream.method());
            assertEquals(expect.path("url").asText(), upstream.url());
            assertEquals(headers(expect.path("headers")), sorted(upstream.headers()));
            assertEquals(expect.path("body"), Fixtures.JSON.readTree(upstream.body()));
        });
    }

    @TestFactory
    Stream<DynamicTest> translatesReplies() {
        return Fixtures.tests("anthropic/replies.json", fixture -> {
            ProviderExchange exchange = adapter.newExchange(Fixtures.context(fixture));
            byte[] body = fixture.has("upstreamText")
                    ? fixture.get("upstreamText").asText().getBytes(StandardCharsets.UTF_8)
                    : Fixtures.JSON.writeValueAsBytes(fixture.path("upstream"));
            TranslatedBody translated = exchange.translateBody(200, UpstreamHeaders.NONE, body);
            JsonNode expect = fixture.path("expect");
            assertEquals(expect.path("status").asInt(), translated.status());
            if (expect.path("sameBody").asBoolean(false)) {
                assertArrayEquals(body, translated.body());
            } else {
                assertEquals(expect.path("body"), Fixtures.JSON.readTree(translated.body()));
            }
            Usage usage = Usage.of(expect.path("usage").get(0).asInt(), expect.path("usage").get(1).asInt());
            assertEquals(usage, translated.usage());
            assertEquals(usage, exchange.usage());
        });
    }

    @TestFactory
    Stream<DynamicTest> translatesStreams() {
        return Fixtures.tests("anthropic/streams.json", fixture -> {
            assertStream(adapter.newExchange(Fixtures.context(fixture)), fixture,
                    Fixtures.sse(fixture.path("sse").asText()));
        });
    }

    @TestFactory
    Stream<DynamicTest> classifiesErrors() {
        return Fixtures.tests("anthropic/errors.json", fixture -> {
            byte[] body = fixture.has("bodyText")
                    ? fixture.get("bodyText").asText().getBytes(StandardCharsets.UTF_8)
                    : Fixtures.JSON.writeValueAsBytes(fixture.path("body"));
            int status = fixture.path("status").asInt();
            assertEquals(ErrorKind.valueOf(fixture.path("kind").asText()),
                    adapter.classifyError(status, UpstreamHeaders.NONE, body));
            if (fixture.has("message")) {
                ProviderExchange exchange = adapter.newExchange(Fixtures.context(fixture));
                JsonNode message = fixture.get("message");
                assertEquals(message.isNull() ? null : message.asText(), exchange.errorMessage(status, body));
            }
        });
    }

    /** Feeds the events to the exchange and compares the chunks and usage with {@code expect}. */
    static void assertStream(ProviderExchange exchange, JsonNode fixture, List<SseEvent> events) {
        exchange.translateRequest(Fixtures.request(fixture.path("request")));
        List<JsonNode> chunks = new ArrayList<>();
        for (SseEvent event : events) {
            exchange.onEvent(event, json -> chunks.add(parse(json)));
        }
        exchange.onStreamEnd(json -> chunks.add(parse(json)));
        assertEquals(expectedChunks(fixture.path("expect")), chunks);
        JsonNode usage = fixture.path("expect").path("usage");
        assertEquals(usage.isNull() ? Usage.NONE : Usage.of(usage.get(0).asInt(), usage.get(1).asInt()),
                exchange.usage());
    }

    /** Expected chunks are written without the fields every chunk shares; error chunks stand alone. */
    static List<JsonNode> expectedChunks(JsonNode expect) {
        List<JsonNode> chunks = new ArrayList<>();
        for (JsonNode chunk : expect.path("chunks")) {
            if (chunk.has("error")) {
                chunks.add(chunk);
            } else {
                ObjectNode full = expect.path("head").deepCopy();
                full.setAll((ObjectNode) chunk);
                chunks.add(full);
            }
        }
        return chunks;
    }

    static JsonNode parse(byte[] json) {
        try {
            return Fixtures.JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("the exchange emitted invalid JSON: " + new String(json, StandardCharsets.UTF_8));
        }
    }

    static List<String> headers(JsonNode pairs) {
        List<String> out = new ArrayList<>();
        pairs.forEach(pair -> out.add(pair.get(0).asText() + ": " + pair.get(1).asText()));
        return out.stream().sorted().toList();
    }

    static List<String> sorted(List<Header> headers) {
        return headers.stream().map(h -> h.name() + ": " + h.value()).sorted().toList();
    }
}
