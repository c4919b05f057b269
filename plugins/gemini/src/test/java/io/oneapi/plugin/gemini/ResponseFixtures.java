package io.oneapi.plugin.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs unary response fixtures: the upstream answer ({@code upstream} as JSON or {@code upstreamText}) goes
 * through {@link ProviderExchange#translateBody} after the case's {@code request} was translated; the result
 * must match {@code expect.status}, {@code expect.body} and {@code expect.usage} ({@code [prompt,
 * completion, total]}, or absent for none).
 */
final class ResponseFixtures {
    private ResponseFixtures() {
    }

    static Stream<DynamicTest> in(String folder) {
        return Fixtures.casesIn(folder).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> verify(c.node())));
    }

    private static void verify(JsonNode node) throws IOException {
        ProviderExchange exchange = Fixtures.translated(node);
        byte[] upstream = node.has("upstreamText")
                ? node.get("upstreamText").asText().getBytes(StandardCharsets.UTF_8)
                : Json.bytes(node.get("upstream"));
        TranslatedBody translated = exchange.translateBody(node.path("status").asInt(200), UpstreamHeaders.NONE,
                upstream);
        JsonNode expect = node.path("expect");
        assertEquals(expect.path("status").asInt(200), translated.status(), "status");
        if (expect.has("bodyText")) {
            assertEquals(expect.get("bodyText").asText(), new String(translated.body(), StandardCharsets.UTF_8));
        } else {
            Fixtures.assertMatches(expect.get("body"), Json.MAPPER.readTree(translated.body()));
        }
        Usage usage = expect.has("usage") ? new Usage(expect.get("usage").get(0).asInt(),
                expect.get("usage").get(1).asInt(), expect.get("usage").get(2).asInt()) : Usage.NONE;
        assertEquals(usage, translated.usage(), "usage in the translated body");
        assertEquals(usage, exchange.usage(), "usage reported by the exchange");
    }
}
