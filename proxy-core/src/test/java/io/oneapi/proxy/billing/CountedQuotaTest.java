package io.oneapi.proxy.billing;

import static io.oneapi.storage.billing.BillingFixtures.consumeLog;
import static io.oneapi.storage.billing.BillingFixtures.countLogs;
import static io.oneapi.storage.billing.BillingFixtures.sumLoggedQuota;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.config.GatewayConfig.CacheSettings;
import io.oneapi.storage.Keys;
import io.oneapi.storage.Storage;
import io.oneapi.storage.Token;
import io.oneapi.storage.TokenStore;
import io.oneapi.storage.UserStore;
import io.oneapi.storage.billing.BillingFixtures;
import io.oneapi.storage.billing.BillingSettings;
import io.oneapi.storage.billing.BillingWriter;
import io.oneapi.storage.billing.MemoryQuotaCounters;
import io.oneapi.storage.billing.QuotaCounters;
import io.oneapi.storage.options.Options;
import io.oneapi.storage.redis.RedisChangeSignal;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reservations judged against quota counters (memory and Redis) while the database keeps the exact record. */
class CountedQuotaTest {
    private static final Options OPTIONS = Options.of(Map.of());

    @TempDir
    Path dir;

    /** A node: its own billing writer (batched) and ledger over shared storage and the given counters. */
    private record Node(BillingWriter writer, QuotaLedger ledger) {
        static Node of(Storage storage, QuotaCounters counters, UserStore users, TokenStore tokens,
                       Duration batchInterval) {
            BillingSettings settings = new BillingSettings(true, batchInterval, Duration.ofMillis(50), 100, 100_000,
                    Duration.ofSeconds(10));
            BillingWriter writer = new BillingWriter(storage.users(), storage.tokens(), storage.channels(),
                    storage.logs(), settings, Clock.systemUTC());
            CountedQuota counted = new CountedQuota(counters, writer, users, tokens, storage.changes(), () -> false);
            return new Node(writer, new QuotaLedger(users, tokens, writer, () -> OPTIONS, Clock.systemUTC(), null,
                    counted));
        }

        static Node of(Storage storage, QuotaCounters counters) {
            return of(storage, counters, storage.users(), storage.tokens(), Duration.ofMillis(50));
        }
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void concurrentCyclesOnMemoryCountersStayExact(TestDatabases.Engine engine) throws Exception {
        try (TestDatabase db = engine.create(dir); Storage storage = db.openStorage()) {
            Node node = Node.of(storage, new MemoryQuotaCounters(Duration.ofMinutes(10)));
            int user = BillingFixtures.user(storage, 1_000_000);
            int token = BillingFixtures.token(storage, user, 6_000, false);
            int channel = BillingFixtures.channel(storage);
            long charged = runCycles(List.of(node), user, token, channel, 300);
            node.writer().close();
            assertExact(storage, user, token, channel, 1_000_000, 6_000, charged);
        }
    }

    /** The point of the counters: once warm, a reservation and its settlement touch no store of the ledger. */
    @Test
    void warmReservationsMakeNoDatabaseRoundTrip() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            AtomicInteger calls = new AtomicInteger();
            UserStore users = counting(UserStore.class, storage.users(), calls);
            TokenStore tokens = counting(TokenStore.class, storage.tokens(), calls);
            Node node = Node.of(storage, new MemoryQuotaCounters(Duration.ofMinutes(10)), users, tokens,
                    Duration.ofHours(1));
            int user = BillingFixtures.user(storage, 100_000);
            int token = BillingFixtures.token(storage, user, 50_000, false);
            int channel = BillingFixtures.channel(storage);
            node.ledger().settle(node.ledger().reserve(user, token, false, 100), 10, null, channel);
            assertEquals(2, calls.get(), "the first reservation seeds the user and the token counters");
            for (int i = 0; i < 50; i++) {
                node.ledger().settle(node.ledger().reserve(user, token, false, 100), 10, null, channel);
            }
            assertEquals(2, calls.get(), "warm reservations read and write nothing through the stores");
            node.writer().close();
            assertEquals(100_000 - 510, storage.users().findById(user).orElseThrow().quota());
            assertEquals(50_000 - 510, storage.tokens().findById(token).orElseThrow().remainQuota());
        }
    }

    /** The event-loop path: only warm in-memory counters with a summing writer; everything else says "not now". */
    @Test
    void reserveIfWarmNeverBlocks() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            AtomicInteger calls = new AtomicInteger();
            UserStore users = counting(UserStore.class, storage.users(), calls);
            TokenStore tokens = counting(TokenStore.class, storage.tokens(), calls);
            Node node = Node.of(storage, new MemoryQuotaCounters(Duration.ofMinutes(10)), users, tokens,
                    Duration.ofHours(1));
            int user = BillingFixtures.user(storage, 1_000);
            int token = BillingFixtures.token(storage, user, 300, false);
            int channel = BillingFixtures.channel(storage);
            assertTrue(node.ledger().reservesWithoutBlocking());
            assertEquals(null, node.ledger().reserveIfWarm(user, token, false, 10), "cold: must be seeded first");
            assertEquals(0, calls.get(), "and seeding is not attempted there");
            node.ledger().refund(node.ledger().reserve(user, token, false, 10)); // seeds both counters
            int seeded = calls.get();
            Reservation warm = node.ledger().reserveIfWarm(user, token, false, 200);
            assertTrue(warm != null);
            QuotaException tokenShort = assertThrows(QuotaException.class,
                    () -> node.ledger().reserveIfWarm(user, token, false, 101));
            assertEquals("pre_consume_token_quota_failed", tokenShort.code());
            node.ledger().settle(warm, 150, null, channel);
            assertEquals(seeded, calls.get(), "no store call on the warm path");
            node.writer().close();
            assertEquals(850, storage.users().findById(user).orElseThrow().quota());
            assertEquals(150, storage.tokens().findById(token).orElseThrow().remainQuota());

            BillingWriter unbatched = new BillingWriter(storage.users(), storage.tokens(), storage.channels(),
                    storage.logs(), BillingSettings.of(false, Duration.ofSeconds(1)), Clock.systemUTC());
            CountedQuota direct = new CountedQuota(new MemoryQuotaCounters(Duration.ofMinutes(10)), unbatched,
                    users, tokens, storage.changes(), () -> false);
            assertTrue(!direct.canReserveWithoutBlocking(), "an unbatched writer writes to the database");
            unbatched.close();
        }
    }

    /** Top-ups, edits and redemptions made outside the relay reach warm counters through the change signal. */
    @Test
    void editsOutsideTheRelayAreSeenAtOnce() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            Node node = Node.of(storage, new MemoryQuotaCounters(Duration.ofMinutes(10)));
            int user = BillingFixtures.user(storage, 100);
            int token = BillingFixtures.token(storage, user, 1_000, false);
            int channel = BillingFixtures.channel(storage);
            node.ledger().settle(node.ledger().reserve(user, token, false, 100), 100, null, channel);
            QuotaException empty = assertThrows(QuotaException.class,
                    () -> node.ledger().reserve(user, token, false, 1));
            assertEquals("insufficient_user_quota", empty.code());

            storage.users().grantQuota(user, 500); // a top-up on the admin side
            node.ledger().refund(node.ledger().reserve(user, token, false, 500));

            // An absolute edit lands on the stored row; deltas still queued apply on top of it, so write them first.
            node.writer().flush();
            Token row = storage.tokens().findById(token).orElseThrow();
            storage.tokens().update(new Token(row.id(), row.userId(), row.key(), row.status(), row.name(),
                    row.createdTime(), row.accessedTime(), row.expiredTime(), 50, false, row.usedQuota(),
                    row.models(), row.subnet()));
            QuotaException tokenShort = assertThrows(QuotaException.class,
                    () -> node.ledger().reserve(user, token, false, 51));
            assertEquals("pre_consume_token_quota_failed", tokenShort.code());
            node.ledger().refund(node.ledger().reserve(user, token, false, 50));
            node.writer().close();
            assertEquals(500, storage.users().findById(user).orElseThrow().quota());
        }
    }

    /** Two nodes share Redis counters: together they admit exactly what the balance covers, never more. */
    @Test
    void twoNodesOnRedisCountersNeverOverspendAndStayExact() throws Exception {
        String url = redisUrl();
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage();
             RedisChangeSignal redisA = RedisChangeSignal.start(cache(url));
             RedisChangeSignal redisB = RedisChangeSignal.start(cache(url))) {
            String prefix = "oneapi:test:counted:" + Keys.dashlessUuid() + ":";
            Node a = Node.of(storage, awaitConnected(redisA.quotaCounters(prefix, Duration.ofMinutes(1))));
            Node b = Node.of(storage, awaitConnected(redisB.quotaCounters(prefix, Duration.ofMinutes(1))));
            int user = BillingFixtures.user(storage, 10_000);
            int token = BillingFixtures.token(storage, user, 0, true);
            int channel = BillingFixtures.channel(storage);
            List<Reservation> held = java.util.Collections.synchronizedList(new ArrayList<>());
            AtomicInteger refused = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> attempts = new ArrayList<>();
            for (int i = 0; i < 160; i++) {
                Node node = i % 2 == 0 ? a : b;
                attempts.add(pool.submit(() -> {
                    start.await();
                    try {
                        held.add(node.ledger().reserve(user, token, true, 100));
                    } catch (QuotaException e) {
                        assertEquals("insufficient_user_quota", e.code());
                        refused.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> attempt : attempts) {
                attempt.get(60, TimeUnit.SECONDS);
            }
            pool.shutdown();
            assertEquals(100, held.size(), "10,000 covers exactly 100 reservations of 100 across both nodes");
            assertEquals(60, refused.get());
            for (int i = 0; i < held.size(); i++) {
                (i % 2 == 0 ? a : b).ledger().settle(held.get(i), 40, consumeLog(0, 0, 0, "r" + i), channel);
            }
            a.writer().close();
            b.writer().close();
            assertEquals(10_000 - 100 * 40, storage.users().findById(user).orElseThrow().quota());
            assertEquals(100 * 40, sumLoggedQuota(storage.logs(), user));
        }
    }

    /**
     * Counters that go away are bypassed (the database judges), and once back they are dropped before use, since
     * they missed what happened meanwhile.
     */
    @Test
    void countersAwayFallBackToTheDatabaseAndAreDroppedWhenBack() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            AtomicBoolean away = new AtomicBoolean();
            MemoryQuotaCounters real = new MemoryQuotaCounters(Duration.ofMinutes(10));
            BillingWriter writer = new BillingWriter(storage.users(), storage.tokens(), storage.channels(),
                    storage.logs(), new BillingSettings(true, Duration.ofMillis(50), Duration.ofMillis(50), 100,
                            100_000, Duration.ofSeconds(10)), Clock.systemUTC());
            CountedQuota counted = new CountedQuota(new Flaky(real, away), writer, storage.users(), storage.tokens(),
                    storage.changes(), () -> false, Duration.ZERO);
            QuotaLedger ledger = new QuotaLedger(storage.users(), storage.tokens(), writer, () -> OPTIONS,
                    Clock.systemUTC(), null, counted);
            int user = BillingFixtures.user(storage, 1_000);
            int token = BillingFixtures.token(storage, user, 0, true);
            int channel = BillingFixtures.channel(storage);
            ledger.settle(ledger.reserve(user, token, true, 100), 100, null, channel); // counter: 900
            away.set(true);
            ledger.settle(ledger.reserve(user, token, true, 800), 800, null, channel); // judged by the database
            assertThrows(QuotaException.class, () -> ledger.reserve(user, token, true, 201));
            away.set(false);
            // The counter still says 900; used again without being dropped it would admit this.
            QuotaException refused = assertThrows(QuotaException.class, () -> ledger.reserve(user, token, true, 150));
            assertEquals("insufficient_user_quota", refused.code());
            assertEquals(QuotaCounters.Take.TAKEN, real.take(QuotaCounters.Kind.USER, user, 0),
                    "the counter was seeded again from the records");
            ledger.settle(ledger.reserve(user, token, true, 100), 100, null, channel);
            writer.close();
            assertEquals(0, storage.users().findById(user).orElseThrow().quota());
        }
    }

    private static long runCycles(List<Node> nodes, int user, int token, int channel, int cycles) throws Exception {
        AtomicLong charged = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> work = new ArrayList<>();
        for (int i = 0; i < cycles; i++) {
            int n = i;
            Node node = nodes.get(i % nodes.size());
            work.add(pool.submit(() -> {
                start.await();
                long reserve = 50 + (n * 7L) % 100;
                Reservation r;
                try {
                    r = node.ledger().reserve(user, token, false, reserve);
                } catch (QuotaException e) {
                    assertEquals("pre_consume_token_quota_failed", e.code());
                    return null;
                }
                if (n % 5 == 0) {
                    node.ledger().refund(r);
                } else {
                    long used = (n * 13L) % (reserve + 1);
                    node.ledger().settle(r, used, consumeLog(0, 0, 0, "req-" + n), channel);
                    charged.addAndGet(used);
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return charged.get();
    }

    private static void assertExact(Storage storage, int user, int token, int channel, long userQuota,
                                    long tokenQuota, long charged) {
        assertEquals(charged, sumLoggedQuota(storage.logs(), user), "every settlement was logged");
        assertTrue(countLogs(storage.logs(), user) > 100, "most cycles got through");
        assertEquals(userQuota - charged, storage.users().findById(user).orElseThrow().quota());
        assertEquals(charged, storage.users().findById(user).orElseThrow().usedQuota());
        Token t = storage.tokens().findById(token).orElseThrow();
        assertEquals(tokenQuota - charged, t.remainQuota());
        assertTrue(t.remainQuota() >= 0, "the token never went below zero");
        assertEquals(charged, t.usedQuota());
        assertEquals(charged, storage.channels().findById(channel).orElseThrow().usedQuota());
    }

    private static String redisUrl() {
        String url = System.getenv("ONEAPI_TEST_REDIS");
        Assumptions.assumeTrue(url != null && !url.isBlank(),
                "ONEAPI_TEST_REDIS is not set, so the Redis quota counter tests are skipped");
        return url.strip();
    }

    private static CacheSettings cache(String url) {
        return new CacheSettings(url, "", "", Duration.ofSeconds(60), true, true);
    }

    /** Redisson connects in the background: wait until the counters answer. */
    private static QuotaCounters awaitConnected(QuotaCounters counters) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            try {
                counters.forget(QuotaCounters.Kind.USER, -1);
                return counters;
            } catch (QuotaCounters.CountersUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(50);
            }
        }
    }

    /** Counts every call made through a store (test instrumentation, not a stand-in: calls reach the real one). */
    /**
     * Event loops reserve and settle warm users under the same stripe lock that a seed takes: the seed's database
     * read must happen outside it, or a slow read stalls every loop serving a user of that stripe.
     */
    @Test
    void aStalledSeedReadDoesNotHoldUpWarmUsersOfItsStripe() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            CountDownLatch readStarted = new CountDownLatch(1);
            CountDownLatch releaseRead = new CountDownLatch(1);
            AtomicInteger stallUser = new AtomicInteger(-1);
            UserStore users = stalling(storage.users(), stallUser, readStarted, releaseRead);
            Node node = Node.of(storage, new MemoryQuotaCounters(Duration.ofMinutes(10)), users, storage.tokens(),
                    Duration.ofHours(1));
            int warm = BillingFixtures.user(storage, 100_000);
            int warmToken = BillingFixtures.token(storage, warm, 50_000, false);
            // The stripe is the user id modulo 64: make users until one shares the warm user's stripe.
            int cold;
            do {
                cold = BillingFixtures.user(storage, 100_000);
            } while (Math.floorMod(cold, 64) != Math.floorMod(warm, 64));
            int channel = BillingFixtures.channel(storage);
            node.ledger().settle(node.ledger().reserve(warm, warmToken, false, 100), 10, null, channel);

            stallUser.set(cold);
            int coldUser = cold;
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try {
                Future<Reservation> seeding = pool.submit(() -> node.ledger().reserve(coldUser, 0, true,
                        100));
                assertTrue(readStarted.await(10, TimeUnit.SECONDS), "the cold user's seed read started");
                long start = System.nanoTime();
                for (int i = 0; i < 20; i++) {
                    Reservation r = node.ledger().reserveIfWarm(warm, warmToken, false, 100);
                    assertTrue(r != null, "the warm user reserves from its counters");
                    node.ledger().settle(r, 10, null, channel);
                }
                long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertTrue(tookMillis < 1_000, "warm reservations waited " + tookMillis + " ms for a seed read");
                releaseRead.countDown();
                assertEquals(100, seeding.get(10, TimeUnit.SECONDS).amount());
            } finally {
                releaseRead.countDown();
                pool.shutdownNow();
            }
            node.writer().close();
            assertEquals(100_000 - 21 * 10, storage.users().findById(warm).orElseThrow().quota());
            assertEquals(100_000 - 100, storage.users().findById(cold).orElseThrow().quota());
        }
    }

    /** A seed read before a delta flush is not used after it: the flush moved pending deltas into the database. */
    @Test
    void aSeedReadAcrossADeltaFlushIsReadAgain() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            BillingSettings settings = new BillingSettings(true, Duration.ofHours(1), Duration.ofMillis(50), 100,
                    100_000, Duration.ofSeconds(10));
            BillingWriter writer = new BillingWriter(storage.users(), storage.tokens(), storage.channels(),
                    storage.logs(), settings, Clock.systemUTC());
            try {
                int user = BillingFixtures.user(storage, 1_000);
                writer.addUserQuota(user, -300);
                BillingWriter.StoredBalance stored = writer.storedBalance(
                        () -> storage.users().findById(user).orElseThrow().quota());
                assertEquals(700, writer.balanceIfUnflushed(QuotaCounters.Kind.USER, user, stored).orElseThrow());
                writer.flush();
                assertTrue(writer.balanceIfUnflushed(QuotaCounters.Kind.USER, user, stored).isEmpty(),
                        "a read from before the flush would count the 300 twice (stored 1000 + pending 0 now)");
                BillingWriter.StoredBalance again = writer.storedBalance(
                        () -> storage.users().findById(user).orElseThrow().quota());
                assertEquals(700, writer.balanceIfUnflushed(QuotaCounters.Kind.USER, user, again).orElseThrow());
            } finally {
                writer.close();
            }
        }
    }

    /** Users whose {@code findById} for one id waits until released, as a slow database read would. */
    private static UserStore stalling(UserStore real, AtomicInteger stallId, CountDownLatch started,
                                      CountDownLatch release) {
        Object proxy = Proxy.newProxyInstance(UserStore.class.getClassLoader(), new Class<?>[] {UserStore.class},
                (p, method, args) -> {
                    if (method.getName().equals("findById") && args[0].equals(stallId.get())) {
                        started.countDown();
                        release.await(10, TimeUnit.SECONDS);
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return UserStore.class.cast(proxy);
    }

    /**
     * A top-up committed and signalled while a seed read before it is in flight: the signal's drop runs before the
     * stale seed lands. The refusal that stale balance would give is not trusted, and the counter is seeded again.
     */
    @Test
    void aSeedOvertakenByAnAdminEditIsNotTrusted() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            int user = BillingFixtures.user(storage, 1_000);
            int token = BillingFixtures.token(storage, user, 0, true);
            AtomicBoolean armed = new AtomicBoolean();
            QuotaCounters memory = new MemoryQuotaCounters(Duration.ofMinutes(10));
            QuotaCounters racing = (QuotaCounters) Proxy.newProxyInstance(QuotaCounters.class.getClassLoader(),
                    new Class<?>[] {QuotaCounters.class}, (p, method, args) -> {
                        if (method.getName().equals("seed") && armed.getAndSet(false)) {
                            storage.users().grantQuota(user, 99_000); // commits, then drops the counters
                        }
                        try {
                            return method.invoke(memory, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            Node node = Node.of(storage, racing);
            armed.set(true);

            Reservation r = node.ledger().reserve(user, token, true, 5_000);

            assertTrue(r != null, "judged on the balance after the top-up, not the stale 1,000");
            assertTrue(!armed.get(), "the race was staged");
            node.writer().close();
            assertEquals(100_000 - 5_000, storage.users().findById(user).orElseThrow().quota());
        }
    }

    /**
     * The last seeding round reads the database while holding the user's lock stripe; an event loop serving
     * another user of that stripe must not wait for that read.
     */
    @Test
    void eventLoopsDoNotWaitOnAStripeHeldAcrossADatabaseRead() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            int slow = BillingFixtures.user(storage, 100_000);
            int last = slow;
            for (int i = 0; i < 64; i++) {
                last = BillingFixtures.user(storage, 100_000); // the last one shares slow's stripe
            }
            int neighbour = last;
            assertEquals(0, Math.floorMod(neighbour - slow, 64));
            CountDownLatch readHeld = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger reads = new AtomicInteger();
            UserStore users = storage.users();
            UserStore slowReads = (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(),
                    new Class<?>[] {UserStore.class}, (p, method, args) -> {
                        if (method.getName().equals("findById") && args[0].equals(slow)) {
                            int n = reads.incrementAndGet();
                            if (n < 6) {
                                storage.changes().publish(io.oneapi.storage.ChangeSignal.Topic.USERS); // stale seed
                            } else {
                                readHeld.countDown(); // the last round, under the stripe
                                assertTrue(release.await(20, TimeUnit.SECONDS));
                            }
                        }
                        try {
                            return method.invoke(users, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            Node node = Node.of(storage, new MemoryQuotaCounters(Duration.ofMinutes(10)), slowReads,
                    storage.tokens(), Duration.ofHours(1));
            int neighbourToken = BillingFixtures.token(storage, neighbour, 0, true);
            int slowToken = BillingFixtures.token(storage, slow, 0, true);
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                Future<?> seeding = pool.submit(() -> node.ledger().reserve(slow, slowToken, true, 100));
                assertTrue(readHeld.await(20, TimeUnit.SECONDS), "the last round was reached");
                Future<Object> eventLoop = pool.submit(() -> node.ledger().reserveIfWarm(neighbour, neighbourToken,
                        true, 100));
                try {
                    eventLoop.get(5, TimeUnit.SECONDS); // null (not warm) or a reservation: either, but at once
                } finally {
                    release.countDown();
                }
                seeding.get(20, TimeUnit.SECONDS);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static <T> T counting(Class<T> type, T real, AtomicInteger calls) {
        Object proxy = Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (p, method, args) -> {
            calls.incrementAndGet();
            try {
                return method.invoke(real, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        });
        return type.cast(proxy);
    }

    /** Memory counters that can be made unreachable, as Redis counters are when Redis goes away. */
    private record Flaky(QuotaCounters real, AtomicBoolean away) implements QuotaCounters {
        private void check() {
            if (away.get()) {
                throw new CountersUnavailableException("away", null);
            }
        }

        @Override
        public Take take(Kind kind, int id, long amount) {
            check();
            return real.take(kind, id, amount);
        }

        @Override
        public void seed(Kind kind, int id, long balance) {
            check();
            real.seed(kind, id, balance);
        }

        @Override
        public void add(Kind kind, int id, long delta) {
            check();
            real.add(kind, id, delta);
        }

        @Override
        public void forget(Kind kind, int id) {
            check();
            real.forget(kind, id);
        }

        @Override
        public void forgetAll(Kind kind) {
            check();
            real.forgetAll(kind);
        }

        @Override
        public String describe() {
            return "flaky memory";
        }
    }
}
