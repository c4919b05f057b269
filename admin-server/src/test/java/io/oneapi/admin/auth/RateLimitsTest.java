package io.oneapi.admin.auth;

import io.oneapi.config.GatewayConfig;
import io.oneapi.ratelimit.SlidingWindowRateLimiter;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitsTest {
    private final SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(System::nanoTime);
    private final Duration window = Duration.ofMinutes(3);

    @Test
    void zeroLimitOrDebugDisables() {
        GatewayConfig.RateLimitSettings tight = new GatewayConfig.RateLimitSettings(1, 0, window, 1, window);
        RateLimits limits = new RateLimits(limiter, tight, false);
        assertTrue(limits.allow(RateLimits.Kind.API, "ip"));
        assertFalse(limits.allow(RateLimits.Kind.API, "ip"));
        for (int i = 0; i < 5; i++) {
            assertTrue(limits.allow(RateLimits.Kind.WEB, "ip"), "a limit of 0 is off");
        }
        RateLimits debug = new RateLimits(limiter, tight, true);
        assertTrue(debug.allow(RateLimits.Kind.API, "ip"));
        assertEquals(true, debug.allow(RateLimits.Kind.CRITICAL, "ip"));
    }
}
