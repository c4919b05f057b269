package io.oneapi.plugin.openai;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: {@code fixtures/openai/openai-to-openai/*.json}, one URL/header/body expectation per case. */
class OpenAiToOpenAiExchangeTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryFixture() {
        return FixtureCheck.testsFor("openai-to-openai", OpenAiToOpenAiExchange.class);
    }
}
