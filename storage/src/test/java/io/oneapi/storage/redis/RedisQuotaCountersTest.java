package io.oneapi.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oneapi.config.GatewayConfig.CacheSettings;
import io.oneapi.storage.Keys;
import io.oneapi.storage.billing.QuotaCounters.CountersUnavailableException;
import io.oneapi.storage.billing.QuotaCounters.Kind;
import io.oneapi.storage.billing.QuotaCounters.Take;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/** The Redis quota counters on a real Redis, each test under its own key prefix. */
class RedisQuotaCountersTest {
    private final String prefix = "oneapi:test:quota:" + Keys.dashlessUuid() + ":";
    private RedissonClient nodeA;
    private RedissonClient nodeB;

    @BeforeEach
    void needsRedis() {
        String url = System.getenv("ONEAPI_TEST_REDIS");
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "ONEAPI_TEST_REDIS is not set, so the Redis quota counter tests are skipped (see notes/common.md)");
        CacheSettings settings = new CacheSettings(url.strip(), "", "", Duration.ofSeconds(60), true, true);
        nodeA = Redisson.create(RedissonConfigs.of(settings));
        nodeB = Redisson.create(RedissonConfigs.of(settings));
    }

    @AfterEach
    void close() {
        if (nodeA != null) {
            nodeA.getKeys().deleteByPattern(prefix + "*");
            nodeA.shutdown();
            nodeB.shutdown();
        }
    }

    private RedisQuotaCounters counters(RedissonClient client, Duration maxAge) {
        return new RedisQuotaCounters(() -> client, prefix, maxAge);
    }

    @Test
    void takesOnlyWhatTheSeededBalanceCovers() {
        RedisQuotaCounters c = counters(nodeA, Duration.ofMinutes(1));
        assertEquals(Take.UNSEEDED, c.take(Kind.USER, 7, 10));
        c.seed(Kind.USER, 7, 100);
        c.seed(Kind.USER, 7, 5_000); // a second seed does not overwrite the first
        assertEquals(Take.TAKEN, c.take(Kind.USER, 7, 60));
        assertEquals(Take.SHORT, c.take(Kind.USER, 7, 41));
        assertEquals(Take.TAKEN, c.take(Kind.USER, 7, 40));
        assertEquals(Take.TAKEN, c.take(Kind.USER, 7, 0), "zero at a zero balance is allowed");
        c.add(Kind.USER, 7, -1);
        assertEquals(Take.SHORT, c.take(Kind.USER, 7, 0), "a negative balance refuses even free requests");
        assertEquals(Take.UNSEEDED, c.take(Kind.TOKEN, 7, 1), "users and tokens are separate counters");
    }

    @Test
    void addChangesOnlyExistingCountersAndForgetDropsThem() {
        RedisQuotaCounters c = counters(nodeA, Duration.ofMinutes(1));
        c.add(Kind.TOKEN, 3, 500);
        assertEquals(Take.UNSEEDED, c.take(Kind.TOKEN, 3, 1), "add never creates a counter");
        c.seed(Kind.TOKEN, 3, 10);
        c.add(Kind.TOKEN, 3, 90);
        assertEquals(Take.TAKEN, c.take(Kind.TOKEN, 3, 100));
        c.forget(Kind.TOKEN, 3);
        assertEquals(Take.UNSEEDED, c.take(Kind.TOKEN, 3, 1));
        c.seed(Kind.USER, 1, 1);
        c.seed(Kind.USER, 2, 1);
        c.seed(Kind.TOKEN, 1, 1);
        c.forgetAll(Kind.USER);
        assertEquals(Take.UNSEEDED, c.take(Kind.USER, 1, 1));
        assertEquals(Take.UNSEEDED, c.take(Kind.USER, 2, 1));
        assertEquals(Take.TAKEN, c.take(Kind.TOKEN, 1, 1), "forgetting users keeps tokens");
    }

    @Test
    void countersExpireSoTheyAreSeededAgain() throws InterruptedException {
        RedisQuotaCounters c = counters(nodeA, Duration.ofSeconds(1));
        c.seed(Kind.USER, 9, 100);
        c.add(Kind.USER, 9, 5); // INCRBY keeps the expiry
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (c.take(Kind.USER, 9, 0) != Take.UNSEEDED) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the counter did not expire");
            }
            Thread.sleep(100);
        }
    }

    /** Two nodes, 16 threads, 400 attempts of 10 on a balance of 1,000: exactly 100 succeed, none more. */
    @Test
    void concurrentTakesFromTwoNodesNeverOverspend() throws Exception {
        RedisQuotaCounters a = counters(nodeA, Duration.ofMinutes(1));
        RedisQuotaCounters b = counters(nodeB, Duration.ofMinutes(1));
        a.seed(Kind.USER, 42, 1_000);
        AtomicInteger taken = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> attempts = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            RedisQuotaCounters node = i % 2 == 0 ? a : b;
            attempts.add(pool.submit(() -> {
                start.await();
                if (node.take(Kind.USER, 42, 10) == Take.TAKEN) {
                    taken.incrementAndGet();
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> attempt : attempts) {
            attempt.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertEquals(100, taken.get());
        assertEquals(Take.SHORT, a.take(Kind.USER, 42, 1));
        assertEquals(Take.TAKEN, b.take(Kind.USER, 42, 0));
    }

    @Test
    void notConnectedThrowsUnavailable() {
        RedisQuotaCounters c = new RedisQuotaCounters(() -> null, prefix, Duration.ofMinutes(1));
        assertThrows(CountersUnavailableException.class, () -> c.take(Kind.USER, 1, 1));
        assertThrows(CountersUnavailableException.class, () -> c.forgetAll(Kind.USER));
        RedissonClient closed = Redisson.create(nodeA.getConfig());
        closed.shutdown();
        RedisQuotaCounters shut = counters(closed, Duration.ofMinutes(1));
        assertThrows(CountersUnavailableException.class, () -> shut.take(Kind.USER, 1, 1));
    }
}
