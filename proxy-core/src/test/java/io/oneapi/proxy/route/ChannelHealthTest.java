package io.oneapi.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oneapi.config.GatewayConfig.CacheSettings;
import io.oneapi.spi.ErrorKind;
import io.oneapi.storage.Keys;
import io.oneapi.storage.ProviderChannel;
import io.oneapi.storage.Storage;
import io.oneapi.storage.health.OutcomeWindow;
import io.oneapi.storage.redis.RedisOutcomeWindow;
import io.oneapi.storage.redis.RedissonConfigs;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import io.oneapi.storage.testing.TestRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Metric-based disabling (ENABLE_METRIC) on two "nodes": two {@link ChannelHealth}s on one database, each with
 * its own Redisson client to the machine's Redis ({@code ONEAPI_TEST_REDIS}), sharing the channel's window.
 */
class ChannelHealthTest {
    private static final int WINDOW = 4;
    private static final double THRESHOLD = 0.5;

    private final String prefix = "oneapi:test:health:" + Keys.dashlessUuid() + ":";
    private final List<RedissonClient> clients = new ArrayList<>();
    private final ExecutorService blocking = Executors.newFixedThreadPool(2);
    private TestDatabase db;
    private Storage storage;
    private RoutedChannel channel;

    @BeforeEach
    void open(@TempDir Path dir) {
        db = TestDatabases.sqlite(dir);
        storage = db.openStorage();
        long now = System.currentTimeMillis() / 1000;
        int id = storage.channels().insert(new ProviderChannel(0, 1, "sk-test", ProviderChannel.STATUS_ENABLED,
                "flaky", 0, now, 0, 0, "http://127.0.0.1:1", "", 0, 0, "gpt-4o", "default", 0, "", 0, "{}", ""));
        channel = RoutedChannel.of(storage.channels().findById(id).orElseThrow());
    }

    @AfterEach
    void close() {
        clients.stream().findFirst().ifPresent(c -> c.getKeys().deleteByPattern(prefix + "*"));
        clients.forEach(RedissonClient::shutdown);
        blocking.shutdownNow();
        storage.close();
        db.close();
    }

    private RedissonClient redisClient() {
        String url = TestRedis.url("the shared channel health test");
        RedissonClient client = Redisson.create(RedissonConfigs.of(
                new CacheSettings(url, "", "", Duration.ofSeconds(60), true, true)));
        clients.add(client);
        return client;
    }

    private ChannelHealth node(OutcomeWindow window) {
        return new ChannelHealth(storage.channels(), blocking, () -> false, window);
    }

    private void fails(ChannelHealth node) {
        node.onFailure(channel, ErrorKind.UNAVAILABLE, 503, "upstream overloaded");
    }

    private int status() {
        return storage.channels().findById(channel.id()).orElseThrow().status();
    }

    private static void await(String what, IntSupplier value, int expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (value.getAsInt() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(expected, value.getAsInt(), what);
    }

    /** Waits for the disable tasks already handed to the blocking executor. */
    private void drain() throws Exception {
        for (int i = 0; i < 2; i++) {
            blocking.submit(() -> { }).get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void failuresSeenOnTwoNodesAddUpToTheDisable() throws Exception {
        RedissonClient first = redisClient();
        RedissonClient second = redisClient();
        ChannelHealth nodeA = node(new RedisOutcomeWindow(() -> first, prefix, WINDOW, THRESHOLD,
                Duration.ofMinutes(5)));
        ChannelHealth nodeB = node(new RedisOutcomeWindow(() -> second, prefix, WINDOW, THRESHOLD,
                Duration.ofMinutes(5)));
        IntSupplier shared = () -> first.getList(prefix + channel.id(), StringCodec.INSTANCE).size();

        fails(nodeA);
        fails(nodeB);
        nodeA.onSuccess(channel);
        await("three outcomes from two nodes in one window", shared, 3);
        drain();
        assertEquals(ProviderChannel.STATUS_ENABLED, status(), "the window is not full yet");

        fails(nodeB); // 1 of 4 succeeded, under 0.5
        await("disabled by the fourth outcome", this::status, ProviderChannel.STATUS_AUTO_DISABLED);
        assertEquals(0, shared.getAsInt(), "the tripped window is emptied");
    }

    @Test
    void aDeadKeyIsDisabledAndReportedOnceWhateverManyRequestsFailOnIt() throws Exception {
        List<String> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
        ChannelAlerts recorder = (id, name, reason) -> alerts.add(id + " " + name + ": " + reason);
        ChannelHealth nodeA = new ChannelHealth(storage.channels(), blocking, () -> true, null, recorder);
        ChannelHealth nodeB = new ChannelHealth(storage.channels(), blocking, () -> true, null, recorder);
        for (int i = 0; i < 10; i++) {
            (i % 2 == 0 ? nodeA : nodeB).onFailure(channel, ErrorKind.AUTH_FAILED, 401, "Incorrect API key provided");
        }
        await("the disable is reported", alerts::size, 1);
        blocking.shutdown(); // every queued disable task has run once this returns
        assertEquals(true, blocking.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(ProviderChannel.STATUS_AUTO_DISABLED, status());
        assertEquals(List.of(channel.id() + " flaky: upstream said 401 (AUTH_FAILED): Incorrect API key provided"),
                alerts, "one alert for ten failures on two nodes");
    }

    @Test
    void aChannelAnAdminDisabledMeanwhileIsLeftAsItIs() throws Exception {
        List<Integer> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
        storage.channels().setStatus(channel.id(), ProviderChannel.STATUS_MANUALLY_DISABLED);
        ChannelHealth node = new ChannelHealth(storage.channels(), blocking, () -> true, null,
                (id, name, reason) -> alerts.add(id));
        node.onFailure(channel, ErrorKind.QUOTA_EXHAUSTED, 429, "You exceeded your current quota");
        blocking.shutdown();
        assertEquals(true, blocking.awaitTermination(10, TimeUnit.SECONDS));
        assertEquals(ProviderChannel.STATUS_MANUALLY_DISABLED, status(), "not turned into an automatic disable");
        assertEquals(List.of(), alerts);
    }

    @Test
    void aFailingAlertDoesNotUndoTheDisable() throws Exception {
        ChannelHealth node = new ChannelHealth(storage.channels(), blocking, () -> true, null, (id, name, reason) -> {
            throw new IllegalStateException("SMTP down");
        });
        node.onFailure(channel, ErrorKind.AUTH_FAILED, 401, "invalid key");
        await("disabled although the alert failed", this::status, ProviderChannel.STATUS_AUTO_DISABLED);
    }

    @Test
    void perNodeWindowsWithoutRedisDoNotAddUp() throws Exception {
        ChannelHealth nodeA = new ChannelHealth(storage.channels(), blocking, () -> false, true, WINDOW, THRESHOLD);
        ChannelHealth nodeB = new ChannelHealth(storage.channels(), blocking, () -> false, true, WINDOW, THRESHOLD);
        for (int i = 0; i < WINDOW - 1; i++) {
            fails(nodeA);
            fails(nodeB);
        }
        drain();
        assertEquals(ProviderChannel.STATUS_ENABLED, status(), "each node saw only " + (WINDOW - 1) + " failures");
        fails(nodeA);
        await("a node's own full window disables", this::status, ProviderChannel.STATUS_AUTO_DISABLED);
    }
}
