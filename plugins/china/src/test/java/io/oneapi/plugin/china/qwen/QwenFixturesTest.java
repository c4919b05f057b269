package io.oneapi.plugin.china.qwen;

import io.oneapi.plugin.china.testing.FixtureRunner;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: {@code fixtures/qwen/*.json}. */
class QwenFixturesTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryFixture() {
        return FixtureRunner.run("qwen", new QwenAdapter(() -> FixtureRunner.STAMP));
    }
}
