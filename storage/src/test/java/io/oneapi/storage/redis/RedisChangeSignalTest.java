package io.oneapi.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.oneapi.config.GatewayConfig.CacheSettings;
import io.oneapi.storage.ChangeSignal.Topic;
import io.oneapi.storage.Keys;
import io.oneapi.storage.testing.TcpGate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.config.Config;

/** Two "nodes" (two signals) on a real Redis, each test on its own channel; Redis outages through a {@link TcpGate}. */
class RedisChangeSignalTest {
    private static final Duration POLL = Duration.ofSeconds(60);
    private String redis;
    private final String channel = "oneapi:test:" + Keys.dashlessUuid();

    @BeforeEach
    void needsRedis() {
        String url = System.getenv("ONEAPI_TEST_REDIS");
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "ONEAPI_TEST_REDIS is not set, so the Redis change signal tests are skipped (see notes/common.md)");
        redis = url.strip();
    }

    private static Config config(String url) {
        return RedissonConfigs.of(new CacheSettings(url, "", "", POLL, true, true));
    }

    private RedisChangeSignal node(String url, Deliveries deliveries) {
        RedisChangeSignal signal = RedisChangeSignal.start(config(url), channel, POLL);
        signal.subscribe(deliveries);
        return signal;
    }

    /**
     * Waits until each node has heard the other (so both are subscribed and the catch-up delivery of their first
     * subscription is behind them), then forgets what was recorded.
     */
    private static void quiesce(RedisChangeSignal a, Deliveries seenByA, RedisChangeSignal b, Deliveries seenByB)
            throws InterruptedException {
        b.publish(Topic.OPTIONS);
        seenByA.await(Topic.OPTIONS, 1, Duration.ofSeconds(10));
        a.publish(Topic.OPTIONS);
        seenByB.await(Topic.OPTIONS, 1, Duration.ofSeconds(10));
        a.publish(Topic.USERS);
        seenByB.await(Topic.USERS, 1, Duration.ofSeconds(10)); // FIFO: B's catch-up is done by now
        b.publish(Topic.USERS);
        seenByA.await(Topic.USERS, 2, Duration.ofSeconds(10));
        seenByA.clear();
        seenByB.clear();
    }

    @Test
    void aChangeReachesTheOtherNodeWithinASecondOnOurThreadAndIsNotEchoed() throws Exception {
        Deliveries seenByA = new Deliveries();
        Deliveries seenByB = new Deliveries();
        try (RedisChangeSignal a = node(redis, seenByA); RedisChangeSignal b = node(redis, seenByB)) {
            assertTrue(a.connected() && b.connected());
            quiesce(a, seenByA, b, seenByB);

            long sent = System.nanoTime();
            a.publish(Topic.TOKENS);
            assertEquals(1, seenByA.count(Topic.TOKENS), "local listeners run before publish returns");
            Deliveries.Delivery remote = seenByB.await(Topic.TOKENS, 1, Duration.ofSeconds(5));
            assertTrue(remote.nanos() - sent < TimeUnit.SECONDS.toNanos(1),
                    "took " + TimeUnit.NANOSECONDS.toMillis(remote.nanos() - sent) + " ms");
            assertEquals("oneapi-redis-signal", remote.thread(), "not on a Redisson thread");

            b.publish(Topic.CHANNELS); // after A's own TOKENS message on the channel: A has skipped it by then
            seenByA.await(Topic.CHANNELS, 1, Duration.ofSeconds(5));
            assertEquals(1, seenByA.count(Topic.TOKENS), "a node skips its own messages");
            assertEquals(1, seenByB.count(Topic.CHANNELS));
        }
    }

    @Test
    void redisAwayAtStartUpStillSignalsLocallyAndConnectsWhenItComes() throws Exception {
        Deliveries seenByA = new Deliveries();
        Deliveries seenByB = new Deliveries();
        try (LogCapture log = new LogCapture(RedisLink.class); TcpGate gate = TcpGate.inFrontOf(redis);
             RedisChangeSignal b = node(redis, seenByB)) {
            gate.cut();
            try (RedisChangeSignal a = node(gate.route(redis), seenByA)) {
                assertFalse(a.connected());
                assertEquals(1, log.count(Level.WARN, "Redis unreachable at start-up"));
                a.publish(Topic.CHANNELS);
                assertEquals(1, seenByA.count(Topic.CHANNELS), "local listeners still run");

                gate.open();
                // Within the retry period A subscribes, catches up locally and announces what it could not.
                seenByB.await(Topic.CHANNELS, 1, Duration.ofSeconds(RedisLink.RETRY_SECONDS + 10));
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                while (!a.connected() && System.nanoTime() < deadline) {
                    Thread.onSpinWait(); // the flag may follow the announcement by a moment
                }
                assertTrue(a.connected());
                seenByA.await(Topic.TOKENS, 1, Duration.ofSeconds(5)); // catch-up covers every topic
                assertEquals(1, log.count(Level.INFO, "Redis reachable again"));
            }
        }
    }

    @Test
    void redisGoingAwayIsLoggedOnceAndNodesCatchUpWhenItReturns() throws Exception {
        Deliveries seenByA = new Deliveries();
        Deliveries seenByB = new Deliveries();
        try (LogCapture log = new LogCapture(RedisLink.class); TcpGate gate = TcpGate.inFrontOf(redis);
             RedisChangeSignal a = node(gate.route(redis), seenByA);
             RedisChangeSignal b = node(gate.route(redis), seenByB)) {
            quiesce(a, seenByA, b, seenByB);

            gate.cut();
            for (int i = 0; i < 3; i++) {
                a.publish(Topic.TOKENS); // never blocks or throws; fails in the background
            }
            assertEquals(3, seenByA.count(Topic.TOKENS));
            awaitCount(log, Level.WARN, "Redis unreachable (", 2); // one line per node
            seenByB.clear();

            gate.open();
            // B missed A's messages; after resubscribing it delivers every topic once (and A re-announces).
            seenByB.await(Topic.TOKENS, 1, Duration.ofSeconds(15));
            awaitCount(log, Level.INFO, "Redis reachable again", 2);
            assertEquals(2, log.count(Level.WARN, "Redis unreachable ("), "logged once per node and outage");

            quiesce(a, seenByA, b, seenByB);
            long sent = System.nanoTime();
            a.publish(Topic.USERS);
            Deliveries.Delivery remote = seenByB.await(Topic.USERS, 1, Duration.ofSeconds(5));
            assertTrue(remote.nanos() - sent < TimeUnit.SECONDS.toNanos(1));
        }
    }

    private static void awaitCount(LogCapture log, Level level, String text, long expected)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (log.count(level, text) < expected) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("expected " + expected + " '" + text + "' lines, saw "
                        + log.count(level, text));
            }
            TimeUnit.MILLISECONDS.sleep(20); // polling a log with a deadline
        }
    }
}
