package io.oneapi.plugin.openai;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: {@code fixtures/openai/raw-proxy/*.json} (channel type 43 and the PROXY relay mode). */
class RawToProxyExchangeTest {

    @TestFactory
    Stream<DynamicTest> forwardsEveryFixture() {
        return FixtureCheck.testsFor("raw-proxy", RawToProxyExchange.class);
    }
}
