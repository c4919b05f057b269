package io.oneapi.storage.redis;

import io.oneapi.storage.billing.QuotaCounters;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * {@link QuotaCounters} in Redis, shared by every node: one string key per balance, changed only by Lua scripts so
 * that check-and-take is one atomic step across nodes. Keys expire after {@code maxAge} and are then seeded again
 * from the database, which bounds how long a change made outside the relay without a change signal goes unseen.
 *
 * <p>Blocking (a Redis round trip): call it from the billing executor, never an event loop.
 */
final class RedisQuotaCounters implements QuotaCounters {
    static final String PREFIX = "oneapi:quota:";

    /** 1 taken, 0 short (or negative balance), -1 no counter. */
    private static final String TAKE = """
            local v = redis.call('GET', KEYS[1])
            if not v then return -1 end
            v = tonumber(v)
            local amount = tonumber(ARGV[1])
            if v < amount or v < 0 then return 0 end
            redis.call('DECRBY', KEYS[1], amount)
            return 1
            """;
    /** INCRBY keeps the key's expiry; a missing key is not created (its seed will include the delta). */
    private static final String ADD = """
            if redis.call('EXISTS', KEYS[1]) == 1 then
              return redis.call('INCRBY', KEYS[1], ARGV[1])
            end
            return 0
            """;
    private static final String SEED = """
            redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])
            return 1
            """;

    private final Supplier<RedissonClient> client;
    private final String prefix;
    private final long maxAgeMillis;

    RedisQuotaCounters(Supplier<RedissonClient> client, String prefix, Duration maxAge) {
        this.client = client;
        this.prefix = prefix;
        this.maxAgeMillis = Math.max(1_000, maxAge.toMillis());
    }

    @Override
    public Take take(Kind kind, int id, long amount) {
        long result = eval(TAKE, key(kind, id), Long.toString(amount));
        return result == 1 ? Take.TAKEN : result == 0 ? Take.SHORT : Take.UNSEEDED;
    }

    @Override
    public void seed(Kind kind, int id, long balance) {
        eval(SEED, key(kind, id), Long.toString(balance), Long.toString(maxAgeMillis));
    }

    @Override
    public void add(Kind kind, int id, long delta) {
        if (delta != 0) {
            eval(ADD, key(kind, id), Long.toString(delta));
        }
    }

    @Override
    public void forget(Kind kind, int id) {
        try {
            connected().getKeys().delete(key(kind, id));
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    @Override
    public void forgetAll(Kind kind) {
        try {
            connected().getKeys().deleteByPattern(prefix + kindName(kind) + ":*");
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    @Override
    public String describe() {
        return "Redis (shared by every node)";
    }

    private long eval(String script, String key, Object... args) {
        RedissonClient redis = connected();
        try {
            Long result = redis.getScript(StringCodec.INSTANCE)
                    .eval(RScript.Mode.READ_WRITE, script, RScript.ReturnType.LONG, List.of(key), args);
            return result == null ? -1 : result;
        } catch (RuntimeException e) {
            throw unavailable(e);
        }
    }

    private RedissonClient connected() {
        RedissonClient redis = client.get();
        if (redis == null) {
            throw new CountersUnavailableException("Redis is not connected", null);
        }
        return redis;
    }

    private static CountersUnavailableException unavailable(RuntimeException e) {
        return e instanceof CountersUnavailableException c ? c
                : new CountersUnavailableException("Redis quota counters failed: " + e.getMessage(), e);
    }

    private String key(Kind kind, int id) {
        return prefix + kindName(kind) + ":" + id;
    }

    private static String kindName(Kind kind) {
        return kind == Kind.USER ? "user" : "token";
    }
}
