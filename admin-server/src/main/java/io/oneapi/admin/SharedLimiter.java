package io.oneapi.admin;

import io.oneapi.ratelimit.RateLimiter;
import io.oneapi.admin.auth.RedisConnection;
import io.oneapi.admin.auth.RedisRateLimiter;
import io.oneapi.ratelimit.SlidingWindowRateLimiter;
import io.oneapi.config.GatewayConfig;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the rate limiter: the one the environment supplies, else Redis-shared windows when {@code REDIS_CONN_STRING}
 * is set (falling back to memory while Redis is down), else this node's memory. Owns the Redis client it opens.
 */
final class SharedLimiter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedLimiter.class);

    private final RateLimiter limiter;
    private final RedissonClient redis;

    private SharedLimiter(RateLimiter limiter, RedissonClient redis) {
        this.limiter = limiter;
        this.redis = redis;
    }

    static SharedLimiter choose(GatewayConfig config, RateLimiter supplied) {
        if (supplied != null) {
            return new SharedLimiter(supplied, null);
        }
        RateLimiter memory = new SlidingWindowRateLimiter(System::nanoTime);
        if (!config.cache().redisEnabled() || config.debug()) {
            return new SharedLimiter(memory, null);
        }
        try {
            RedissonClient redis = RedisConnection.open(config.cache());
            return new SharedLimiter(new RedisRateLimiter(redis, memory), redis);
        } catch (RuntimeException e) {
            log.warn("cannot reach Redis for rate limits, using this node's memory: {}", e.toString());
            return new SharedLimiter(memory, null);
        }
    }

    RateLimiter limiter() {
        return limiter;
    }

    @Override
    public void close() {
        if (redis != null) {
            redis.shutdown();
        }
    }
}
