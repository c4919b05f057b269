package io.oneapi.plugin.openai;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.spi.Header;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.UpstreamRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/** Runs fixtures through {@link OpenAiAdapter} and compares the upstream request with the expectation. */
final class FixtureCheck {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenAiAdapter ADAPTER = new OpenAiAdapter();

    private FixtureCheck() {
    }

    static Stream<DynamicTest> testsFor(String folder, Class<? extends ProviderExchange> exchangeType) {
        List<ExchangeFixture> fixtures = ExchangeFixture.filesIn(folder).stream()
                .flatMap(file -> ExchangeFixture.readAll(file).stream()).toList();
        assertFalse(fixtures.isEmpty(), "no fixtures in " + folder);
        return fixtures.stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> verify(f, exchangeType)));
    }

    private static void verify(ExchangeFixture fixture, Class<? extends ProviderExchange> exchangeType)
            throws IOException {
        ProviderExchange exchange = assertInstanceOf(exchangeType, ADAPTER.newExchange(fixture.context()));
        assertEquals(StreamMode.PASSTHROUGH, exchange.streamMode());
        JsonNode expect = fixture.expect();
        if (expect.has("error")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> exchange.translateRequest(fixture.request()));
            assertEquals(expect.get("error").asText(), error.getMessage());
            return;
        }
        UpstreamRequest upstream = exchange.translateRequest(fixture.request());
        assertEquals(expect.path("method").asText("POST"), upstream.method(), "method");
        assertEquals(expect.get("url").asText(), upstream.url(), "url");
        assertEquals(sorted(expected(expect.get("headers"))), sorted(upstream.headers()), "headers");
        JsonNode body = expect.get("body");
        if (body == null || body.isNull()) {
            assertTrue(upstream.forwardsClientBody(), "the client body should go upstream untouched");
            assertEquals(0, fixture.request().jsonCalls(), "a forwarded body should not be parsed");
        } else {
            assertFalse(upstream.forwardsClientBody(), "the body should have been rewritten");
            assertEquals(body, JSON.readTree(upstream.body()), "body");
        }
    }

    private static List<Header> expected(JsonNode pairs) {
        List<Header> headers = new ArrayList<>();
        pairs.forEach(pair -> headers.add(new Header(pair.get(0).asText(), pair.get(1).asText())));
        return headers;
    }

    private static List<String> sorted(List<Header> headers) {
        return headers.stream().map(h -> h.name() + ": " + h.value()).sorted().toList();
    }
}
