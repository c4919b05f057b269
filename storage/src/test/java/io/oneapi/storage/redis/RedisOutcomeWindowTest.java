package io.oneapi.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import io.oneapi.config.GatewayConfig.CacheSettings;
import io.oneapi.storage.Keys;
import io.oneapi.storage.health.OutcomeWindow;
import io.oneapi.storage.health.OutcomeWindow.Tally;
import io.oneapi.storage.testing.TcpGate;
import io.oneapi.storage.testing.TestRedis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Shared success-rate windows on the machine's Redis ({@code ONEAPI_TEST_REDIS}); each test on its own keys. */
class RedisOutcomeWindowTest {
    private final String prefix = "oneapi:test:health:" + Keys.dashlessUuid() + ":";
    private final List<RedissonClient> clients = new ArrayList<>();
    private String redis;

    @BeforeEach
    void needsRedis() {
        redis = TestRedis.url("the Redis outcome window test");
    }

    @AfterEach
    void closeClients() {
        clients.stream().filter(c -> !c.isShutdown()).findFirst()
                .ifPresent(c -> c.getKeys().deleteByPattern(prefix + "*"));
        clients.forEach(RedissonClient::shutdown);
    }

    /** One "node": its own Redisson client. */
    private RedissonClient node(String url) {
        RedissonClient client = Redisson.create(RedissonConfigs.of(
                new CacheSettings(url, "", "", Duration.ofSeconds(60), true, true)));
        clients.add(client);
        return client;
    }

    private OutcomeWindow window(RedissonClient client, int capacity, double threshold) {
        return new RedisOutcomeWindow(() -> client, prefix, capacity, threshold, Duration.ofSeconds(30));
    }

    private static Tally record(OutcomeWindow window, int channel, boolean success) throws Exception {
        return window.record(channel, success).get(10, TimeUnit.SECONDS);
    }

    @Test
    void twoNodesFillOneWindowPerChannelAndTheTripEmptiesIt() throws Exception {
        RedissonClient a = node(redis);
        OutcomeWindow nodeA = window(a, 4, 0.5);
        OutcomeWindow nodeB = window(node(redis), 4, 0.5);

        assertEquals(new Tally(1, 0, false), record(nodeA, 7, false));
        assertEquals(new Tally(2, 0, false), record(nodeB, 7, false));
        assertEquals(new Tally(3, 1, false), record(nodeA, 7, true));
        assertEquals(new Tally(1, 1, false), record(nodeB, 8, true), "another channel, another window");
        assertEquals(new Tally(0, 1, true), record(nodeB, 7, false), "1 of 4 from both nodes: tripped");
        assertEquals(0, a.getKeys().countExists(prefix + 7), "the tripped window is gone");
        assertEquals(List.of("1"), a.getList(prefix + 8, StringCodec.INSTANCE).readAll());

        long ttl = a.getKeys().remainTimeToLive(prefix + 8);
        assertTrue(ttl > 25_000 && ttl <= 30_000, "the window expires after its TTL: " + ttl);
    }

    @Test
    void trimsToTheCapacityAndOnlyAFullWindowUnderTheThresholdTrips() throws Exception {
        RedissonClient a = node(redis);
        OutcomeWindow window = window(a, 3, 0.5);
        for (int i = 0; i < 5; i++) {
            record(window, 1, true);
        }
        assertEquals(new Tally(3, 3, false), record(window, 1, true));
        assertEquals(3, a.getList(prefix + 1, StringCodec.INSTANCE).size(), "trimmed in Redis too");
        assertEquals(new Tally(3, 2, false), record(window, 1, false), "2 of 3 is not under 0.5");
        assertEquals(new Tally(0, 1, true), record(window, 1, false));

        assertEquals(new Tally(1, 0, false), record(window, 2, false));
        assertEquals(new Tally(2, 0, false), record(window, 2, false), "not full");
        assertEquals(new Tally(3, 1, false), record(window, 2, true), "a success never trips");
        assertEquals(new Tally(0, 1, true), record(window, 2, false));
    }

    @Test
    void concurrentFailuresFromTwoNodesTripExactlyOncePerFullWindow() throws Exception {
        OutcomeWindow nodeA = window(node(redis), 5, 0.5);
        OutcomeWindow nodeB = window(node(redis), 5, 0.5);
        List<CompletableFuture<Tally>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(nodeA.record(3, false));
            all.add(nodeB.record(3, false));
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        assertEquals(20, all.stream().filter(f -> f.join().tripped()).count(), "100 failures, windows of 5");
    }

    @Test
    void withoutRedisTheNodeCountsLocallyAndSaysSoOnce() throws Exception {
        try (LogCapture log = new LogCapture(RedisOutcomeWindow.class)) {
            OutcomeWindow notConnected = new RedisOutcomeWindow(() -> null, prefix, 2, 0.5, Duration.ofSeconds(30));
            assertEquals(new Tally(1, 0, false), record(notConnected, 1, false));
            assertEquals(new Tally(0, 0, true), record(notConnected, 1, false), "the local window still trips");
            assertEquals(1, log.count(Level.WARN, "fall back to this node's memory"), "said once");

            RedissonClient closed = node(redis);
            closed.shutdown();
            OutcomeWindow shutDown = window(closed, 2, 0.5);
            assertEquals(new Tally(1, 1, false), record(shutDown, 1, true));
            assertEquals(new Tally(2, 2, false), record(shutDown, 1, true));
            assertEquals(2, log.count(Level.WARN, "fall back to this node's memory"), "once per window");
        }
    }

    @Test
    void fallsBackWhileRedisIsAwayAndSharesAgainWhenItReturns() throws Exception {
        try (TcpGate gate = TcpGate.inFrontOf(redis); LogCapture log = new LogCapture(RedisOutcomeWindow.class)) {
            RedissonClient direct = node(redis);
            OutcomeWindow window = window(node(gate.route(redis)), 3, 0.5);
            assertEquals(new Tally(1, 0, false), record(window, 1, false));

            gate.cut();
            assertEquals(new Tally(1, 0, false), record(window, 1, false), "counted locally, a new window");
            assertEquals(new Tally(2, 0, false), record(window, 1, false));
            assertEquals(1, log.count(Level.WARN, "fall back to this node's memory"));
            assertEquals(1, direct.getList(prefix + 1, StringCodec.INSTANCE).size(), "Redis kept its window");

            gate.open();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            Tally shared;
            do {
                shared = record(window, 2, true);
            } while (direct.getKeys().countExists(prefix + 2) == 0 && System.nanoTime() < deadline);
            assertEquals(1, direct.getKeys().countExists(prefix + 2), "shared again once Redis answers");
            assertEquals(1, log.count(Level.INFO, "shared in Redis again"));
            assertEquals(1, log.count(Level.WARN, "fall back to this node's memory"));
            assertTrue(shared.size() >= 1);
        }
    }
}
