package io.oneapi.plugin.replicate;

import io.oneapi.plugin.china.testing.FixtureRunner;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: {@code fixtures/replicate/*.json}, run by the china plugin's fixture harness. */
class ReplicateFixturesTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryFixture() {
        return FixtureRunner.run("replicate", new ReplicateAdapter(
                model -> new ChatAnswer("chatcmpl-test", 1700000000L, model), () -> 1700000000L));
    }
}
