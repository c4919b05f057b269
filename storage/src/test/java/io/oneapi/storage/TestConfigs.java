package io.oneapi.storage;

import io.oneapi.config.GatewayConfig;
import io.oneapi.config.GatewayConfig.BootstrapSettings;
import io.oneapi.config.GatewayConfig.DatabaseSettings;
import java.nio.file.Path;
import java.time.Duration;

/** A whole {@link GatewayConfig} around the database settings under test; the rest holds One API's defaults. */
final class TestConfigs {
    private TestConfigs() {
    }

    static GatewayConfig config(DatabaseSettings database, GatewayConfig.NodeType node, BootstrapSettings bootstrap) {
        return new GatewayConfig(GatewayConfig.Role.ALL, node,
                new GatewayConfig.ServerSettings(3000, 3001, Path.of("logs"), false, "secret", false, "", "default",
                        Duration.ofSeconds(30)),
                database,
                new GatewayConfig.CacheSettings("", "", "", Duration.ofSeconds(600), false, false),
                new GatewayConfig.RelaySettings(Duration.ZERO, "", "", Duration.ofSeconds(30), false, "hi",
                        "BLOCK_NONE", "v1", false, Duration.ofSeconds(5), null),
                new GatewayConfig.JobSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO),
                new GatewayConfig.RateLimitSettings(480, 240, Duration.ofSeconds(180), 20, Duration.ofMinutes(20)),
                new GatewayConfig.MetricSettings(false, 10, 0.8, 1024, 128),
                bootstrap, false, false);
    }

    static BootstrapSettings noBootstrap() {
        return new BootstrapSettings("", "");
    }
}
