package io.oneapi.ratelimit;

import java.time.Duration;

/**
 * Sliding-window request limiter keyed by a mark and the client address (One API's {@code rateLimit:<mark><ip>}).
 * An in-memory implementation serves one node; a Redis-backed one can share windows across nodes.
 */
public interface RateLimiter {
    /** Records a request and says whether it is within {@code maxRequests} per {@code window}. */
    boolean allow(String key, int maxRequests, Duration window);
}
