package io.oneapi.plugin.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.AccessToken;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.NeedsCredential;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.testing.FixtureClientRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs request fixtures ({@code channel}, {@code context}, {@code request}, {@code images}) through
 * {@link GoogleAdapter} and compares the upstream request with {@code expect} ({@code url}, {@code headers},
 * {@code body}) or the refusal with {@code expect.error}. Exchanges that need a credential get
 * {@link #TOKEN} first, as the core would hand it over.
 */
final class RequestFixtures {
    static final AccessToken TOKEN = new AccessToken("ya29.fixture-token", Duration.ofHours(1));
    private static final GoogleAdapter ADAPTER = new GoogleAdapter();

    private RequestFixtures() {
    }

    static Stream<DynamicTest> in(String folder) {
        return Fixtures.casesIn(folder).stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> verify(c.node())));
    }

    private static void verify(JsonNode node) throws IOException {
        ExchangeContext context = Fixtures.context(node);
        FixtureClientRequest request = Fixtures.request(node, context);
        JsonNode expect = node.path("expect");
        if (expect.has("error")) {
            RuntimeException error = assertThrows(RuntimeException.class, () -> translate(context, request));
            assertEquals(expect.path("errorType").asText("IllegalArgumentException"),
                    error.getClass().getSimpleName(), error.toString());
            assertEquals(expect.get("error").asText(), error.getMessage());
            return;
        }
        UpstreamRequest upstream = translate(context, request);
        assertEquals("POST", upstream.method());
        assertEquals(expect.get("url").asText(), upstream.url(), "url");
        assertEquals(sorted(expect.get("headers")), upstream.headers().stream()
                .map(h -> h.name() + ": " + h.value()).sorted().toList(), "headers");
        Fixtures.assertMatches(expect.get("body"), Json.MAPPER.readTree(upstream.body()));
    }

    private static UpstreamRequest translate(ExchangeContext context, FixtureClientRequest request) {
        ProviderExchange exchange = ADAPTER.newExchange(context);
        if (exchange instanceof NeedsCredential needs) {
            needs.useCredential(TOKEN);
        }
        return exchange.translateRequest(request);
    }

    private static List<String> sorted(JsonNode pairs) {
        List<String> headers = new ArrayList<>();
        pairs.forEach(pair -> headers.add(pair.get(0).asText() + ": " + pair.get(1).asText()));
        return headers.stream().sorted().toList();
    }
}
