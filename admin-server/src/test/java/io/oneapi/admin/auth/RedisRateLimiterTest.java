package io.oneapi.admin.auth;

import io.oneapi.ratelimit.RateLimiter;
import io.oneapi.config.GatewayConfig;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Redis-shared window on the machine's Redis ({@code ONEAPI_TEST_REDIS}); skipped when it is not set. */
class RedisRateLimiterTest {
    private static GatewayConfig.CacheSettings cache() {
        String url = System.getenv("ONEAPI_TEST_REDIS");
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "ONEAPI_TEST_REDIS is not set, so the Redis rate limiter test is skipped");
        return new GatewayConfig.CacheSettings(url, "", "", Duration.ofSeconds(60), true, true);
    }

    @Test
    void twoNodesShareOneWindowPerAddress() {
        GatewayConfig.CacheSettings cache = cache();
        RedissonClient first = RedisConnection.open(cache);
        RedissonClient second = RedisConnection.open(cache);
        try {
            RateLimiter nodeA = new RedisRateLimiter(first, (k, m, w) -> false);
            RateLimiter nodeB = new RedisRateLimiter(second, (k, m, w) -> false);
            String ip = "CT" + UUID.randomUUID();
            Duration window = Duration.ofMinutes(20);
            assertTrue(nodeA.allow(ip, 3, window));
            assertTrue(nodeB.allow(ip, 3, window));
            assertTrue(nodeA.allow(ip, 3, window));
            assertFalse(nodeB.allow(ip, 3, window), "the fourth request from either node is refused");
            assertFalse(nodeA.allow(ip, 3, window));
            assertTrue(nodeA.allow("CT" + UUID.randomUUID(), 3, window), "other addresses are separate");
            assertEquals(3, first.getList(RedisRateLimiter.PREFIX + ip, StringCodec.INSTANCE).size(), "One API's key and list layout");
            assertTrue(first.getKeys().remainTimeToLive(RedisRateLimiter.PREFIX + ip) > 0, "windows expire");
        } finally {
            first.shutdown();
            second.shutdown();
        }
    }

    @Test
    void shortWindowsSlide() throws InterruptedException {
        RedissonClient client = RedisConnection.open(cache());
        try {
            RateLimiter limiter = new RedisRateLimiter(client, (k, m, w) -> false);
            String ip = "GA" + UUID.randomUUID();
            Duration window = Duration.ofMillis(300);
            assertTrue(limiter.allow(ip, 1, window));
            assertFalse(limiter.allow(ip, 1, window));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            boolean allowed = false;
            while (!allowed && System.nanoTime() < deadline) {
                Thread.sleep(50); // polling with a deadline until the window has slid
                allowed = limiter.allow(ip, 1, window);
            }
            assertTrue(allowed);
        } finally {
            client.shutdown();
        }
    }

    @Test
    void whenRedisFailsTheMemoryFallbackDecides() {
        RedissonClient client = RedisConnection.open(cache());
        client.shutdown();
        AtomicInteger fallbackCalls = new AtomicInteger();
        RateLimiter limiter = new RedisRateLimiter(client, (k, m, w) -> fallbackCalls.incrementAndGet() < 2);
        assertTrue(limiter.allow("GAx", 5, Duration.ofSeconds(1)));
        assertFalse(limiter.allow("GAx", 5, Duration.ofSeconds(1)));
        assertEquals(2, fallbackCalls.get());
    }
}
