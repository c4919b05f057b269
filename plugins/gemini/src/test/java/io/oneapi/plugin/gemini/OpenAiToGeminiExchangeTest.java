package io.oneapi.plugin.gemini;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: requests, unary responses and streams of the Gemini chat translation. */
class OpenAiToGeminiExchangeTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryRequestFixture() {
        return RequestFixtures.in("requests");
    }

    @TestFactory
    Stream<DynamicTest> translatesEveryResponseFixture() {
        return ResponseFixtures.in("responses");
    }

    @TestFactory
    Stream<DynamicTest> translatesEveryStreamFixture() {
        return StreamFixtures.in("streams");
    }
}
