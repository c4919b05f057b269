package io.oneapi.plugin.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs stream fixtures: a case names the upstream {@code sse} file (raw Gemini SSE text); its events go
 * through {@link ProviderExchange#onEvent} and then {@link ProviderExchange#onStreamEnd}, and the emitted
 * chunks must match {@code expect.chunks}, the reported usage {@code expect.usage}. A trailing event without
 * its blank line (a stream cut in the middle) is delivered as the core's splitter would.
 */
final class StreamFixtures {
    private StreamFixtures() {
    }

    static Stream<DynamicTest> in(String folder) {
        return Fixtures.casesIn(folder).stream()
                .map(c -> DynamicTest.dynamicTest(c.name(), () -> verify(folder, c.node())));
    }

    private static void verify(String folder, JsonNode node) {
        ProviderExchange exchange = Fixtures.translated(node);
        ArrayNode emitted = Json.MAPPER.createArrayNode();
        for (SseEvent event : events(Fixtures.text(folder + "/" + node.get("sse").asText()))) {
            exchange.onEvent(event, json -> emitted.add(Json.parseLenient(json)));
        }
        exchange.onStreamEnd(json -> emitted.add(Json.parseLenient(json)));
        JsonNode expect = node.path("expect");
        Fixtures.assertMatches(expect.get("chunks"), emitted);
        Usage usage = expect.has("usage") ? new Usage(expect.get("usage").get(0).asInt(),
                expect.get("usage").get(1).asInt(), expect.get("usage").get(2).asInt()) : Usage.NONE;
        assertEquals(usage, exchange.usage());
    }

    /** Splits SSE text into events: {@code event:} and {@code data:} lines, a blank line between events. */
    static List<SseEvent> events(String text) {
        List<SseEvent> events = new ArrayList<>();
        for (String block : text.replace("\r\n", "\n").split("\n\n")) {
            String name = "";
            StringBuilder data = null;
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    String value = line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5);
                    data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                }
            }
            if (data != null) {
                events.add(SseEvent.of(name, data.toString()));
            }
        }
        return events;
    }
}
