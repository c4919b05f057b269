package io.oneapi.plugin.assorted.aiproxy;

import io.oneapi.plugin.assorted.testing.FixtureChecks;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: {@code fixtures/aiproxy/*.json}. */
class AiProxyLibraryFixturesTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryFixture() {
        return FixtureChecks.run("aiproxy", new AiProxyLibraryAdapter(FixtureChecks.STAMP));
    }
}
