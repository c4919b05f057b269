package io.oneapi.ratelimit;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlidingWindowRateLimiterTest {
    private final AtomicLong clock = new AtomicLong();
    private final SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter(clock::get);
    private final Duration window = Duration.ofSeconds(10);

    @Test
    void slidesOneRequestAtATime() {
        for (int i = 0; i < 3; i++) {
            clock.addAndGet(Duration.ofSeconds(1).toNanos());
            assertTrue(limiter.allow("GA1.2.3.4", 3, window));
        }
        assertFalse(limiter.allow("GA1.2.3.4", 3, window));
        assertTrue(limiter.allow("GA5.6.7.8", 3, window), "other addresses have their own window");
        clock.addAndGet(Duration.ofSeconds(8).toNanos()); // the first request is now 10 s old
        assertTrue(limiter.allow("GA1.2.3.4", 3, window));
        assertFalse(limiter.allow("GA1.2.3.4", 3, window));
    }

    @Test
    void idleKeysAreSwept() {
        for (int i = 0; i < 5000; i++) {
            limiter.allow("GA" + i, 1, window);
        }
        clock.addAndGet(Duration.ofSeconds(11).toNanos());
        for (int i = 0; i < 4096; i++) {
            limiter.allow("GAfresh", 100000, window);
        }
        assertTrue(limiter.trackedKeys() < 100, "swept: " + limiter.trackedKeys());
    }
}
