package io.oneapi.admin.auth;

import io.oneapi.ratelimit.RateLimiter;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One API's Redis sliding window (list {@code rateLimit:<mark><ip>} of request times, newest first), made atomic
 * with a script that reads the server clock, so every node shares one window per address. When Redis fails the
 * request is judged by the in-memory {@code fallback} instead (logged once per outage), never refused for it.
 */
public final class RedisRateLimiter implements RateLimiter {
    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);
    static final String PREFIX = "rateLimit:";
    private static final String SCRIPT = """
            local t = redis.call('TIME')
            local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
            local max = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            if redis.call('LLEN', KEYS[1]) < max then
              redis.call('LPUSH', KEYS[1], now)
              redis.call('PEXPIRE', KEYS[1], window)
              return 1
            end
            local oldest = tonumber(redis.call('LINDEX', KEYS[1], -1))
            redis.call('PEXPIRE', KEYS[1], window)
            if oldest ~= nil and now - oldest < window then
              return 0
            end
            redis.call('LPUSH', KEYS[1], now)
            redis.call('LTRIM', KEYS[1], 0, max - 1)
            return 1
            """;

    private final RedissonClient redis;
    private final RateLimiter fallback;
    private final AtomicBoolean degraded = new AtomicBoolean();

    public RedisRateLimiter(RedissonClient redis, RateLimiter fallback) {
        this.redis = redis;
        this.fallback = fallback;
    }

    @Override
    public boolean allow(String key, int maxRequests, Duration window) {
        if (maxRequests <= 0) {
            return true;
        }
        try {
            Long allowed = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, SCRIPT,
                    RScript.ReturnType.LONG, List.of(PREFIX + key), Integer.toString(maxRequests),
                    Long.toString(window.toMillis()));
            if (degraded.compareAndSet(true, false)) {
                log.info("Redis is back: rate limits are shared again");
            }
            return allowed != null && allowed == 1L;
        } catch (RuntimeException e) {
            if (degraded.compareAndSet(false, true)) {
                log.warn("Redis unavailable, rate limits fall back to this node's memory: {}", e.toString());
            }
            return fallback.allow(key, maxRequests, window);
        }
    }
}
