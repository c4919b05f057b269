package io.oneapi.plugin.china.zhipu;

import io.oneapi.plugin.china.testing.FixtureRunner;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: {@code fixtures/zhipu/*.json}, with the clock at the JWT vector's time. */
class ZhipuFixturesTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryFixture() {
        return FixtureRunner.run("zhipu", new ZhipuAdapter(() -> FixtureRunner.STAMP, () -> 1700000000000L));
    }
}
