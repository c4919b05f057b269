package io.oneapi.plugin.assorted.ollama;

import io.oneapi.plugin.assorted.testing.FixtureChecks;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: {@code fixtures/ollama/*.json} (requests, replies, NDJSON streams, embeddings, errors). */
class OllamaFixturesTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryFixture() {
        return FixtureChecks.run("ollama", new OllamaAdapter(FixtureChecks.STAMP));
    }
}
