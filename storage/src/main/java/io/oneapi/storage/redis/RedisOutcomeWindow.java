package io.oneapi.storage.redis;

import io.oneapi.storage.health.MemoryOutcomeWindow;
import io.oneapi.storage.health.OutcomeWindow;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link OutcomeWindow} in Redis, shared by every node: one list per channel ({@code prefix + id}) of
 * {@code 1} (success) and {@code 0} (failure), changed only by one Lua script that pushes, trims to the capacity,
 * counts, and on a trip deletes the list, so the outcomes of all nodes add up and a run of failures trips once. The
 * key expires {@code ttl} after its last outcome.
 *
 * <p>Asynchronous (Redisson's async API): safe to call on an event loop. When Redis is not connected or a command
 * fails, the outcome goes to this node's {@link MemoryOutcomeWindow} instead; that is logged once, and once more
 * when Redis answers again.
 */
public final class RedisOutcomeWindow implements OutcomeWindow {
    private static final Logger log = LoggerFactory.getLogger(RedisOutcomeWindow.class);
    public static final String PREFIX = "oneapi:health:";
    public static final Duration TTL = Duration.ofHours(1);

    /** KEYS[1] the window; ARGV outcome (1/0), capacity, threshold, ttl in ms. Returns {size, successes, tripped}. */
    private static final String RECORD = """
            local capacity = tonumber(ARGV[2])
            redis.call('RPUSH', KEYS[1], ARGV[1])
            redis.call('LTRIM', KEYS[1], -capacity, -1)
            local window = redis.call('LRANGE', KEYS[1], 0, -1)
            local successes = 0
            for _, outcome in ipairs(window) do
              if outcome == '1' then successes = successes + 1 end
            end
            if ARGV[1] == '0' and #window >= capacity and successes / capacity < tonumber(ARGV[3]) then
              redis.call('DEL', KEYS[1])
              return {0, successes, 1}
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return {#window, successes, 0}
            """;

    private final Supplier<RedissonClient> client;
    private final String prefix;
    private final int capacity;
    private final double threshold;
    private final long ttlMillis;
    private final MemoryOutcomeWindow local;
    private final AtomicBoolean degraded = new AtomicBoolean();

    /**
     * @param client the connected client, or null while Redis is not (yet) connected
     * @param prefix the keys' prefix, {@link #PREFIX} in the gateway
     */
    public RedisOutcomeWindow(Supplier<RedissonClient> client, String prefix, int capacity, double threshold,
                              Duration ttl) {
        this.client = client;
        this.prefix = prefix;
        this.local = new MemoryOutcomeWindow(capacity, threshold);
        this.capacity = local.capacity();
        this.threshold = threshold;
        this.ttlMillis = Math.max(1_000, ttl.toMillis());
    }

    @Override
    public CompletableFuture<Tally> record(int channelId, boolean success) {
        RedissonClient redis = client.get();
        if (redis == null) {
            return CompletableFuture.completedFuture(locally(channelId, success, "Redis is not connected"));
        }
        CompletableFuture<List<Object>> reply;
        try {
            reply = redis.getScript(StringCodec.INSTANCE).<List<Object>>evalAsync(RScript.Mode.READ_WRITE, RECORD,
                    RScript.ReturnType.LIST, List.of(prefix + channelId), success ? "1" : "0",
                    Integer.toString(capacity), Double.toString(threshold), Long.toString(ttlMillis))
                    .toCompletableFuture();
        } catch (RuntimeException e) { // a client shut down under us
            return CompletableFuture.completedFuture(locally(channelId, success, e.toString()));
        }
        return reply.handle((values, failure) -> {
            if (failure == null) {
                try {
                    Tally tally = new Tally(number(values, 0), number(values, 1), number(values, 2) == 1);
                    if (degraded.compareAndSet(true, false)) {
                        log.info("Channel success-rate windows are shared in Redis again");
                    }
                    return tally;
                } catch (RuntimeException malformed) {
                    failure = malformed;
                }
            }
            return locally(channelId, success, String.valueOf(failure.getMessage()));
        });
    }

    private Tally locally(int channelId, boolean success, String reason) {
        if (degraded.compareAndSet(false, true)) {
            log.warn("Channel success-rate windows fall back to this node's memory until Redis answers again ({})",
                    reason);
        }
        return local.add(channelId, success);
    }

    private static int number(List<Object> values, int index) {
        Object value = values.get(index);
        return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public String describe() {
        return "Redis (shared by every node)";
    }
}
