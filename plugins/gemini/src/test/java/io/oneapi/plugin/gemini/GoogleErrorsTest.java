package io.oneapi.plugin.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.UpstreamHeaders;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: {@code fixtures/gemini/errors/*.json}, Google error bodies and the kind each must get. */
class GoogleErrorsTest {

    @TestFactory
    Stream<DynamicTest> classifiesEveryErrorFixture() {
        GoogleAdapter adapter = new GoogleAdapter();
        return Fixtures.casesIn("errors").stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            JsonNode node = c.node();
            byte[] body = node.has("bodyText") ? node.get("bodyText").asText().getBytes(StandardCharsets.UTF_8)
                    : Json.bytes(node.get("body"));
            assertEquals(ErrorKind.valueOf(node.get("kind").asText()),
                    adapter.classifyError(node.get("status").asInt(), UpstreamHeaders.NONE, body));
        }));
    }
}
