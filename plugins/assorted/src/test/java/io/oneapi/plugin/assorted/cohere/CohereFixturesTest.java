package io.oneapi.plugin.assorted.cohere;

import io.oneapi.plugin.assorted.testing.FixtureChecks;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: {@code fixtures/cohere/*.json}. */
class CohereFixturesTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryFixture() {
        return FixtureChecks.run("cohere", new CohereAdapter(FixtureChecks.STAMP));
    }
}
