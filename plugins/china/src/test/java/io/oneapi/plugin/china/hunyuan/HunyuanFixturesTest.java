package io.oneapi.plugin.china.hunyuan;

import io.oneapi.plugin.china.testing.FixtureRunner;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fixture-driven: {@code fixtures/hunyuan/*.json}. The request signatures in them were computed independently
 * (Python hashlib/hmac over the same bytes), at the fixed clock 1700000000.
 */
class HunyuanFixturesTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryFixture() {
        return FixtureRunner.run("hunyuan", new HunyuanAdapter(() -> FixtureRunner.STAMP, () -> 1700000000L));
    }
}
