package io.oneapi.plugin.assorted.deepl;

import io.oneapi.plugin.assorted.testing.FixtureChecks;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: {@code fixtures/deepl/*.json}. */
class DeepLFixturesTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryFixture() {
        return FixtureChecks.run("deepl", new DeepLAdapter(FixtureChecks.STAMP));
    }
}
