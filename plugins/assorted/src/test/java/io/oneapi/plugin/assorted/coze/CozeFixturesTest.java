package io.oneapi.plugin.assorted.coze;

import io.oneapi.plugin.assorted.testing.FixtureChecks;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: {@code fixtures/coze/*.json}. */
class CozeFixturesTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryFixture() {
        return FixtureChecks.run("coze", new CozeAdapter(FixtureChecks.STAMP));
    }
}
