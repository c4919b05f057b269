package io.oneapi.plugin.assorted.cloudflare;

import io.oneapi.plugin.assorted.testing.FixtureChecks;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Fixture-driven: {@code fixtures/cloudflare/*.json}. */
class CloudflareFixturesTest {

    @TestFactory
    Stream<DynamicTest> translatesEveryFixture() {
        return FixtureChecks.run("cloudflare", new CloudflareAdapter(FixtureChecks.STAMP));
    }
}
