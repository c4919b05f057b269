package io.oneapi.admin;

import io.oneapi.config.GatewayConfig;

import java.nio.file.Path;
import java.time.Duration;

/** Start-up configurations for tests: admin on port 0, limits chosen by the test. */
final class TestConfigs {
    static final String SESSION_SECRET = "test-session-secret";

    private TestConfigs() {
    }

    static GatewayConfig config(GatewayConfig.DatabaseSettings database, Limits limits) {
        return new GatewayConfig(GatewayConfig.Role.ADMIN, GatewayConfig.NodeType.MASTER,
                new GatewayConfig.ServerSettings(1, 0, Path.of("logs"), false, SESSION_SECRET, false, "", "default",
                        Duration.ofSeconds(5)),
                database,
                new GatewayConfig.CacheSettings("", "", "", Duration.ofSeconds(600), false, false),
                new GatewayConfig.RelaySettings(Duration.ZERO, "", "", Duration.ofSeconds(30), false, "test prompt",
                        "BLOCK_NONE", "v1", false, Duration.ofSeconds(5), Path.of("tiktoken")),
                new GatewayConfig.JobSettings(Duration.ZERO, Duration.ZERO, Duration.ZERO),
                new GatewayConfig.RateLimitSettings(limits.api(), limits.web(), Duration.ofSeconds(180),
                        limits.critical(), Duration.ofMinutes(20)),
                new GatewayConfig.MetricSettings(false, 10, 0.8, 1024, 128),
                new GatewayConfig.BootstrapSettings("", ""),
                false, false);
    }

    /** Requests per IP allowed by the three limiters; 0 turns one off. */
    record Limits(int api, int web, int critical) {
        static final Limits GENEROUS = new Limits(0, 0, 1000);
    }
}
