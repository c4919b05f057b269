package io.oneapi.plugin.china.xunfei;

import io.oneapi.plugin.china.testing.FixtureRunner;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Fixture-driven: {@code fixtures/xunfei/*.json}, at the time of iFlytek's worked signing example (the URLs in
 * them were computed independently, with Python's hmac and urlencode). Stream fixtures hold the upstream's
 * messages as the core hands them over, one event each.
 */
class XunfeiFixturesTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryFixture() {
        return FixtureRunner.run("xunfei", new XunfeiAdapter(() -> FixtureRunner.STAMP,
                () -> Instant.ofEpochSecond(1683283419L)));
    }
}
