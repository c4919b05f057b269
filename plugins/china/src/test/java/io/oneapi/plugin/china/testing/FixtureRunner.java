package io.oneapi.plugin.china.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.plugin.china.common.Stamp;
import io.oneapi.spi.AccessToken;
import io.oneapi.spi.FollowUp;
import io.oneapi.spi.FollowUps;
import io.oneapi.spi.NeedsCredential;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.StreamFraming;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs a provider's fixtures through its adapter. Each case translates its request; the sections it has say
 * what else to check:
 * <ul>
 *   <li>{@code rejected}: the message of the {@link IllegalArgumentException} the translation throws;</li>
 *   <li>{@code upstream} with a {@code url}: the upstream request ({@code method}, {@code url},
 *       {@code headers} as an object, all of them, when given, and {@code body});</li>
 *   <li>{@code reply} (one answer) or {@code answers} ({@code status}, {@code body}/{@code text}/
 *       {@code base64}), with {@code followUps} (method, url, headers, {@code delayMillis}) the exchange must
 *       ask for after each answer, and {@code client}: {@code status}, {@code body} ({@code "upstream"} when the
 *       last answer must come back as it is) and {@code usage} ([prompt, completion, total] or "none"), when
 *       the last answer is translated (not when the last follow-up asks for a stream);</li>
 *   <li>{@code stream} ({@code file} or {@code text}, {@code cutAt} where the connection breaks) with
 *       {@code chunks} and {@code usage};</li>
 *   <li>{@code failure} ({@code status}, body) with {@code kind} and {@code message}.</li>
 * </ul>
 * Exchanges that need an access token get {@link #TOKEN}.
 */
public final class FixtureRunner {
    public static final Stamp STAMP = new Stamp("test", 1700000000L);
    public static final AccessToken TOKEN = new AccessToken("24.test-token", Duration.ofDays(30));
    private static final ObjectMapper JSON = new ObjectMapper();

    private FixtureRunner() {
    }

    public static Stream<DynamicTest> run(String provider, ProviderAdapter adapter) {
        List<FixtureCase> cases = FixtureCase.load(provider);
        assertFalse(cases.isEmpty(), "no fixtures for " + provider);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> check(c, adapter)));
    }

    private static void check(FixtureCase fixture, ProviderAdapter adapter) throws IOException {
        JsonNode node = fixture.node();
        if (node.has("rejected")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> prepare(adapter, fixture).translateRequest(fixture.request()));
            assertEquals(node.get("rejected").asText(), error.getMessage());
            return;
        }
        ProviderExchange exchange = prepare(adapter, fixture);
        UpstreamRequest upstream = exchange.translateRequest(fixture.request());
        if (node.path("upstream").has("url")) {
            assertRequest(node.get("upstream"), upstream, "upstream");
        }
        if (node.has("reply") || node.has("answers")) {
            checkAnswers(node, exchange);
        }
        if (node.has("stream")) {
            checkStream(fixture, exchange);
        }
        if (node.has("failure")) {
            JsonNode failure = node.get("failure");
            byte[] body = FixtureCase.bytes(failure);
            int status = failure.path("status").asInt(200);
            assertEquals(node.get("kind").asText(), adapter.classifyError(status, UpstreamHeaders.NONE, body).name(),
                    "kind");
            JsonNode message = node.path("message");
            assertEquals(message.isTextual() ? message.asText() : null, exchange.errorMessage(status, body), "message");
        }
    }

    private static ProviderExchange prepare(ProviderAdapter adapter, FixtureCase fixture) {
        ProviderExchange exchange = adapter.newExchange(fixture.context());
        if (exchange instanceof NeedsCredential needs) {
            needs.useCredential(TOKEN);
        }
        return exchange;
    }

    private static void assertRequest(JsonNode expect, UpstreamRequest actual, String what) throws IOException {
        assertEquals(expect.path("method").asText("POST"), actual.method(), what + " method");
        assertEquals(expect.get("url").asText(), actual.url(), what + " url");
        if (expect.has("headers")) {
            List<String> headers = new ArrayList<>();
            expect.get("headers").properties().forEach(h -> headers.add(h.getKey() + ": " + h.getValue().asText()));
            assertEquals(headers.stream().sorted().toList(),
                    actual.headers().stream().map(h -> h.name() + ": " + h.value()).sorted().toList(), what + " headers");
        }
        if (expect.has("body")) {
            assertNotNull(actual.body(), what + " body");
            assertEquals(expect.get("body"), JSON.readTree(actual.body()), what + " body");
        } else if (expect.has("noBody")) {
            assertTrue(actual.body() == null || actual.body().length == 0, what + " has no body");
        }
    }

    private static void checkAnswers(JsonNode node, ProviderExchange exchange) throws IOException {
        List<JsonNode> answers = new ArrayList<>();
        if (node.has("reply")) {
            answers.add(node.get("reply"));
        }
        node.path("answers").forEach(answers::add);
        JsonNode expectedFollowUps = node.path("followUps");
        int used = 0;
        JsonNode last = null;
        for (JsonNode answer : answers) {
            last = answer;
            int status = answer.path("status").asInt(200);
            boolean asked = exchange instanceof FollowUps && (used > 0 || status / 100 == 2);
            if (!asked) {
                break;
            }
            FollowUp next = ((FollowUps) exchange).followUp(status, UpstreamHeaders.NONE, FixtureCase.bytes(answer));
            if (next == null) {
                break;
            }
            assertTrue(used < expectedFollowUps.size(), "unexpected follow-up " + next.request().url());
            JsonNode expect = expectedFollowUps.get(used++);
            assertRequest(expect, next.request(), "follow-up " + used);
            assertEquals(Duration.ofMillis(expect.path("delayMillis").asLong(0)), next.delay(), "delay " + used);
        }
        assertEquals(expectedFollowUps.size(), used, "follow-ups asked for");
        assertNotNull(last, "no answer");
        if (!node.has("client")) {
            return; // the last follow-up is a stream: its events are another case's
        }
        byte[] body = FixtureCase.bytes(last);
        TranslatedBody translated = exchange.translateBody(last.path("status").asInt(200), UpstreamHeaders.NONE,
                body);
        JsonNode client = node.path("client");
        assertEquals(client.path("status").asInt(200), translated.status(), "client status");
        if (client.path("body").asText().equals("upstream")) {
            assertEquals(new String(body, StandardCharsets.UTF_8), new String(translated.body(),
                    StandardCharsets.UTF_8), "the upstream body comes back as is");
        } else if (client.has("body")) {
            assertEquals(client.get("body"), JSON.readTree(translated.body()), "client body");
        }
        assertUsage(client.path("usage"), translated.usage());
    }

    private static void checkStream(FixtureCase fixture, ProviderExchange exchange) throws IOException {
        JsonNode stream = fixture.node().get("stream");
        String text = stream.has("file") ? fixture.file(stream.get("file").asText()) : stream.path("text").asText();
        if (stream.has("cutAt")) {
            text = text.substring(0, stream.get("cutAt").asInt());
        }
        List<byte[]> emitted = new ArrayList<>();
        boolean lines = exchange.streamFraming() == StreamFraming.NDJSON;
        for (SseEvent event : StreamText.events(text, lines)) {
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
        assertInstanceOf(Usage.class, actual);
        assertEquals(new Usage(expect.get(0).asInt(), expect.get(1).asInt(), expect.get(2).asInt()), actual, "usage");
    }
}
