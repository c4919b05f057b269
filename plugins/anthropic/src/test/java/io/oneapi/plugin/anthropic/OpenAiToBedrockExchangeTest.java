package io.oneapi.plugin.anthropic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.StreamFraming;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;
import io.oneapi.spi.testing.FixtureClientRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fixture-driven: {@code fixtures/aws/bedrock-requests.json} (URL, headers, body and the canonical request
 * that was signed), {@code bedrock-streams.json} (Bedrock chunk and exception events to chunks) and
 * {@code bedrock-errors.json}. The signer itself is checked against AWS's vectors in {@link AwsSigV4Test}.
 */
class OpenAiToBedrockExchangeTest {
    private final BedrockClaudeAdapter adapter = new BedrockClaudeAdapter(Fixtures.CLOCK, () -> "answer-1");

    @TestFactory
    Stream<DynamicTest> translatesAndSignsRequests() {
        return Stream.concat(Fixtures.tests("aws/bedrock-requests.json", this::translatesAndSigns),
                Fixtures.tests("aws/bedrock-llama-requests.json", this::translatesAndSigns));
    }

    private void translatesAndSigns(JsonNode fixture) throws Exception {
        ProviderExchange exchange = adapter.newExchange(Fixtures.context(fixture));
        Class<? extends ProviderExchange> expected = BedrockModels.isLlama(
                Fixtures.context(fixture).upstreamModel()) ? BedrockLlamaExchange.class
                : OpenAiToBedrockExchange.class;
        assertEquals(expected, exchange.getClass());
        FixtureClientRequest request = Fixtures.request(fixture.path("request"));
        JsonNode expect = fixture.path("expect");
        if (expect.has("error")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> exchange.translateRequest(request));
            assertEquals(expect.get("error").asText(), e.getMessage());
            return;
        }
        if (expect.has("channelError")) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> exchange.translateRequest(request));
            assertEquals(expect.get("channelError").asText(), e.getMessage());
            return;
        }
        UpstreamRequest upstream = exchange.translateRequest(request);
        assertEquals(expect.path("url").asText(), upstream.url());
        assertEquals(expect.path("body"), Fixtures.JSON.readTree(upstream.body()));
        String accept = expect.path("accept").asText();
        assertEquals(Stream.of("Authorization", accept, "Content-Type", "X-Amz-Date").sorted().toList(),
                upstream.headers().stream().map(h -> h.name()).sorted().toList());
        assertEquals("application/json", header(upstream, accept));
        assertEquals("20240501T120000Z", header(upstream, "X-Amz-Date"));

        // What was signed is exactly what goes out: same URL, headers (Host as the core sends it) and body.
        SortedMap<String, String> signed = new TreeMap<>();
        signed.put("content-type", header(upstream, "Content-Type"));
        signed.put(accept.toLowerCase(java.util.Locale.ROOT), header(upstream, accept));
        signed.put("host", BedrockInvoke.hostHeader(URI.create(upstream.url())));
        signed.put("x-amz-date", header(upstream, "X-Amz-Date"));
        AwsSigV4.Signature signature = AwsSigV4.sign(expect.path("accessKey").asText(),
                expect.path("secretKey").asText(), expect.path("region").asText(), "bedrock", "POST",
                URI.create(upstream.url()), signed, upstream.body(), "20240501T120000Z");
        String payloadHash = HexFormat.of().formatHex(AwsSigV4.sha256(upstream.body()));
        assertEquals(expect.path("canonicalRequest").asText().replace("{payload-sha256}", payloadHash),
                signature.canonicalRequest());
        assertEquals(signature.authorization(), header(upstream, "Authorization"));
        assertEquals(fixture.path("context").path("stream").asBoolean() ? StreamFraming.AWS_EVENT_STREAM
                : StreamFraming.SSE, exchange.streamFraming());
    }

    @TestFactory
    Stream<DynamicTest> translatesEventStreams() {
        return Fixtures.tests("aws/bedrock-streams.json", fixture -> {
            List<SseEvent> events = new ArrayList<>();
            for (JsonNode event : fixture.path("events")) {
                JsonNode inner = event.has("claude") ? event.get("claude") : event.get("llama");
                String payload = inner != null
                        ? "{\"bytes\":\"" + Base64.getEncoder().encodeToString(
                                inner.toString().getBytes(StandardCharsets.UTF_8)) + "\"}"
                        : event.path("payload").toString();
                events.add(SseEvent.of(event.path("event").asText(), payload));
            }
            OpenAiToAnthropicExchangeTest.assertStream(adapter.newExchange(Fixtures.context(fixture)), fixture, events);
        });
    }

    @TestFactory
    Stream<DynamicTest> translatesLlamaAnswers() {
        return Fixtures.tests("aws/bedrock-llama-replies.json", fixture -> {
            ProviderExchange exchange = adapter.newExchange(Fixtures.context(fixture));
            exchange.translateRequest(Fixtures.request(fixture.path("request")));
            TranslatedBody translated = exchange.translateBody(200, name -> null,
                    Fixtures.JSON.writeValueAsBytes(fixture.path("body")));
            JsonNode expect = fixture.path("expect");
            assertEquals(200, translated.status());
            assertEquals(expect.path("body"), Fixtures.JSON.readTree(translated.body()));
            JsonNode usage = expect.path("usage");
            Usage expected = usage.isNull() ? Usage.NONE : Usage.of(usage.get(0).asInt(), usage.get(1).asInt());
            assertEquals(expected, translated.usage());
            assertEquals(expected, exchange.usage());
        });
    }

    @TestFactory
    Stream<DynamicTest> classifiesErrors() {
        return Fixtures.tests("aws/bedrock-errors.json", fixture -> {
            byte[] body = Fixtures.JSON.writeValueAsBytes(fixture.path("body"));
            String type = fixture.path("errorType").asText(null);
            UpstreamHeaders headers = name -> "x-amzn-ErrorType".equalsIgnoreCase(name) ? type : null;
            int status = fixture.path("status").asInt();
            assertEquals(ErrorKind.valueOf(fixture.path("kind").asText()), adapter.classifyError(status, headers, body));
            if (fixture.has("message")) {
                assertEquals(fixture.get("message").asText(), adapter.newExchange(Fixtures.context(fixture))
                        .errorMessage(status, body));
            }
        });
    }

    private static String header(UpstreamRequest request, String name) {
        return request.headers().stream().filter(h -> h.name().equals(name)).map(h -> h.value()).findFirst()
                .orElseThrow(() -> new AssertionError("no header " + name));
    }
}
