package io.oneapi.storage.redis;

import io.oneapi.config.GatewayConfig;
import io.oneapi.storage.ChangeSignal;
import io.oneapi.storage.InProcessChangeSignal;
import io.oneapi.storage.Keys;
import io.oneapi.storage.billing.QuotaCounters;
import io.oneapi.storage.health.OutcomeWindow;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.redisson.api.RTopic;
import org.redisson.config.Config;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChangeSignal} across nodes: every change is announced to this JVM's listeners at once (on the publishing
 * thread, as {@link InProcessChangeSignal} does) and to the other nodes on the Redis channel
 * {@value #CHANNEL}; their changes reach this JVM's listeners within milliseconds.
 *
 * <p>Remote changes are handed to one thread of our own ({@code oneapi-redis-signal}), never run on Redisson's
 * threads, since listeners read the database (channel routing, options). A burst of messages for one topic while
 * its listeners run collapses into one more run. A node skips its own messages.
 *
 * <p>Redis may come and go: publishing never blocks or throws. While Redis is away, changes still reach the other
 * nodes through the {@code SYNC_FREQUENCY} polling of their caches; when the channel is subscribed again every
 * topic is delivered locally once (to catch up on what was missed) and changes that could not be announced are
 * announced again.
 */
public final class RedisChangeSignal implements ChangeSignal, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RedisChangeSignal.class);
    public static final String CHANNEL = "oneapi:changes";

    private final InProcessChangeSignal local = new InProcessChangeSignal();
    private final String nodeId = Keys.dashlessUuid();
    private final ScheduledThreadPoolExecutor worker;
    private final Map<Topic, AtomicBoolean> queued = new EnumMap<>(Topic.class);
    private final Set<Topic> unsent = ConcurrentHashMap.newKeySet();
    private final RedisLink link;

    RedisChangeSignal(Config config, String channel, Duration pollPeriod) {
        for (Topic topic : Topic.values()) {
            queued.put(topic, new AtomicBoolean());
        }
        this.worker = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "oneapi-redis-signal");
            thread.setDaemon(true);
            return thread;
        });
        worker.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.link = new RedisLink(config, channel, worker, this::received, this::subscribed, pollPeriod);
    }

    /**
     * Connects to {@code REDIS_CONN_STRING} and subscribes; when Redis cannot be reached the signal works locally
     * and keeps trying in the background (logged).
     */
    public static RedisChangeSignal start(GatewayConfig.CacheSettings cache) {
        return start(RedissonConfigs.of(cache), CHANNEL, cache.cacheLifetime());
    }

    static RedisChangeSignal start(Config config, String channel, Duration pollPeriod) {
        RedisChangeSignal signal = new RedisChangeSignal(config, channel, pollPeriod);
        signal.link.start();
        return signal;
    }

    @Override
    public void publish(Topic topic) {
        Objects.requireNonNull(topic, "topic");
        local.publish(topic);
        announce(topic);
    }

    @Override
    public void subscribe(Consumer<Topic> listener) {
        local.subscribe(listener);
    }

    /**
     * Quota counters in this Redis, shared by every node; their keys live at most {@code maxAge}. Usable before
     * Redis answers: until then (and whenever it is away) they throw, and the relay judges against the database.
     */
    public QuotaCounters quotaCounters(Duration maxAge) {
        return quotaCounters(RedisQuotaCounters.PREFIX, maxAge);
    }

    /** As {@link #quotaCounters(Duration)}, under another key prefix (tests sharing one Redis). */
    public QuotaCounters quotaCounters(String keyPrefix, Duration maxAge) {
        return new RedisQuotaCounters(link::client, keyPrefix, maxAge);
    }

    /**
     * Per-channel success-rate windows (ENABLE_METRIC) in this Redis, shared by every node. Usable before Redis
     * answers: until then (and whenever it is away) outcomes are counted in this node's memory.
     */
    public OutcomeWindow outcomeWindow(int capacity, double threshold) {
        return new RedisOutcomeWindow(link::client, RedisOutcomeWindow.PREFIX, capacity, threshold,
                RedisOutcomeWindow.TTL);
    }

    /** Whether the Redis channel is subscribed at the moment (for tests and health output). */
    public boolean connected() {
        return link.topic() != null;
    }

    private void announce(Topic topic) {
        RTopic channel = link.topic();
        if (channel == null) {
            unsent.add(topic);
            return;
        }
        channel.publishAsync(new ChangeMessage(nodeId, topic).encode()).whenComplete((receivers, failure) -> {
            if (failure != null) {
                unsent.add(topic); // announced again on the next subscription; polling covers it meanwhile
                log.debug("could not announce {} on Redis: {}", topic, failure.toString());
            }
        });
    }

    /** On a Redisson thread: only parse and hand off. */
    void received(String text) {
        ChangeMessage.parse(text).ifPresentOrElse(message -> {
            if (!message.nodeId().equals(nodeId)) {
                deliverSoon(message.topic());
            }
        }, () -> log.debug("ignoring a message on the change channel that is not ours"));
    }

    private void deliverSoon(Topic topic) {
        AtomicBoolean pending = queued.get(topic);
        if (!pending.compareAndSet(false, true)) {
            return; // a delivery is already waiting and will see this change too
        }
        try {
            worker.execute(() -> {
                pending.set(false); // before running: a change arriving meanwhile queues another run
                local.publish(topic);
            });
        } catch (RejectedExecutionException closed) {
            pending.set(false);
        }
    }

    /** First subscription or a resubscription after Redis came back. */
    private void subscribed() {
        for (Topic topic : Topic.values()) {
            deliverSoon(topic);
        }
        try {
            worker.execute(() -> {
                for (Topic topic : Topic.values()) {
                    if (unsent.remove(topic)) {
                        announce(topic);
                    }
                }
            });
        } catch (RejectedExecutionException closed) {
            // closing
        }
    }

    @Override
    public void close() {
        link.close();
        worker.shutdownNow();
    }
}
