package io.oneapi.plugin.china.ernie;

import io.oneapi.plugin.china.testing.FixtureRunner;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: {@code fixtures/ernie/*.json}. */
class ErnieFixturesTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryFixture() {
        return FixtureRunner.run("ernie", new ErnieAdapter(() -> FixtureRunner.STAMP));
    }
}
