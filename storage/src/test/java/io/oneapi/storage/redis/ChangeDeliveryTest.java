package io.oneapi.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.config.GatewayConfig.CacheSettings;
import io.oneapi.storage.ChangeSignal.Topic;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How a signal hands other nodes' messages to its listeners, fed directly (as Redisson's threads would), so no
 * Redis is needed: off the caller's thread, one run per burst, nothing for messages that are not ours.
 */
class ChangeDeliveryTest {
    /** Never started: no connection is attempted. */
    private static RedisChangeSignal unconnected() {
        CacheSettings cache = new CacheSettings("redis://127.0.0.1:1", "", "", Duration.ofSeconds(60), true, true);
        return new RedisChangeSignal(RedissonConfigs.of(cache), "oneapi:test", Duration.ofSeconds(60));
    }

    @Test
    void aBurstWhileListenersRunCollapsesIntoOneMoreRun() throws Exception {
        Deliveries seen = new Deliveries();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (RedisChangeSignal signal = unconnected()) {
            assertFalse(signal.connected());
            signal.subscribe(seen);
            signal.subscribe(topic -> {
                if (topic == Topic.CHANNELS && entered.getCount() > 0) {
                    entered.countDown();
                    awaitQuietly(release); // a slow rebuild of the routing table
                }
            });
            signal.received("other-node CHANNELS");
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            for (int i = 0; i < 50; i++) {
                signal.received("other-node CHANNELS");
            }
            signal.received("other-node TOKENS");
            release.countDown();
            Deliveries.Delivery tokens = seen.await(Topic.TOKENS, 1, Duration.ofSeconds(5));
            assertEquals("oneapi-redis-signal", tokens.thread());
            seen.await(Topic.CHANNELS, 2, Duration.ofSeconds(5));
            assertEquals(2, seen.count(Topic.CHANNELS), "the running reload, then one more for the whole burst");
        }
    }

    @Test
    void messagesThatAreNotOursChangeNothing() throws Exception {
        Deliveries seen = new Deliveries();
        try (RedisChangeSignal signal = unconnected()) {
            signal.subscribe(seen);
            signal.received("garbage");
            signal.received("node LOGS");
            signal.received(null);
            signal.received("other-node USERS"); // a fence: handed off after everything above
            seen.await(Topic.USERS, 1, Duration.ofSeconds(5));
            for (Topic topic : Topic.values()) {
                assertEquals(topic == Topic.USERS ? 1 : 0, seen.count(topic), topic.name());
            }
            signal.publish(Topic.OPTIONS); // Redis unreachable: still runs local listeners, never throws
            assertEquals(1, seen.count(Topic.OPTIONS));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
