package io.oneapi.proxy.billing;

import static io.oneapi.storage.billing.BillingFixtures.consumeLog;
import static io.oneapi.storage.billing.BillingFixtures.countLogs;
import static io.oneapi.storage.billing.BillingFixtures.sumLoggedQuota;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.Storage;
import io.oneapi.storage.Token;
import io.oneapi.storage.User;
import io.oneapi.storage.billing.BillingFixtures;
import io.oneapi.storage.billing.BillingSettings;
import io.oneapi.storage.billing.BillingWriter;
import io.oneapi.storage.options.Options;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QuotaLedgerTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_000), ZoneOffset.UTC);

    @TempDir
    Path dir;

    /** A ledger over real storage; close the writer to drain. */
    private record Bench(Storage storage, BillingWriter writer, QuotaLedger ledger) {
        User user(int id) {
            return storage.users().findById(id).orElseThrow();
        }

        Token token(int id) {
            return storage.tokens().findById(id).orElseThrow();
        }
    }

    private static Bench bench(Storage storage, boolean batch, Options options) {
        BillingSettings settings = new BillingSettings(batch, Duration.ofMillis(batch ? 50 : 1_000),
                Duration.ofMillis(50), 100, 100_000, Duration.ofSeconds(10));
        BillingWriter writer = new BillingWriter(storage.users(), storage.tokens(), storage.channels(), storage.logs(),
                settings, CLOCK);
        return new Bench(storage, writer, new QuotaLedger(storage.users(), storage.tokens(), writer, () -> options,
                CLOCK));
    }

    private static Bench bench(Storage storage) {
        return bench(storage, false, Options.of(Map.of()));
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void reserveThenSettleMovesExactly(TestDatabases.Engine engine) {
        try (TestDatabase db = engine.create(dir); Storage storage = db.openStorage()) {
            Bench b = bench(storage);
            int user = BillingFixtures.user(storage, 10_000);
            int token = BillingFixtures.token(storage, user, 5_000, false);
            int channel = BillingFixtures.channel(storage);

            Reservation r = b.ledger().reserve(user, token, false, 3_000);
            assertEquals(7_000, b.user(user).quota());
            assertEquals(2_000, b.token(token).remainQuota());

            b.ledger().settle(r, 1_000, consumeLog(0, 0, 0, "req-1"), channel);
            b.writer().close();
            assertEquals(9_000, b.user(user).quota());
            assertEquals(1_000, b.user(user).usedQuota());
            assertEquals(1, b.user(user).requestCount());
            assertEquals(4_000, b.token(token).remainQuota());
            assertEquals(1_000, b.token(token).usedQuota());
            assertEquals(1_000, storage.channels().findById(channel).orElseThrow().usedQuota());
            LogEntry logged = storage.logs().find(LogStore.LogFilter.any(), 0, 10).get(0);
            assertEquals(user, logged.userId(), "ledger fills in the user");
            assertEquals(channel, logged.channelId());
            assertEquals(1_000, logged.quota(), "ledger writes the final quota");
            assertEquals(LogEntry.TYPE_CONSUME, logged.type());
            assertEquals("req-1", logged.requestId());
        }
    }

    @Test
    void refundReturnsEverythingAndEndsOnce() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            Bench b = bench(storage);
            int user = BillingFixtures.user(storage, 10_000);
            int token = BillingFixtures.token(storage, user, 5_000, false);
            Reservation r = b.ledger().reserve(user, token, false, 4_321);
            b.ledger().refund(r);
            assertTrue(r.ended());
            b.ledger().refund(r); // second end: ignored
            b.ledger().settle(r, 99, consumeLog(0, 0, 0, "late"), 1); // ignored too
            b.writer().close();
            assertEquals(10_000, b.user(user).quota());
            assertEquals(0, b.user(user).usedQuota());
            assertEquals(5_000, b.token(token).remainQuota());
            assertEquals(0, b.token(token).usedQuota());
            assertEquals(0, countLogs(storage.logs(), user));
        }
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void refusalsTakeNothing(TestDatabases.Engine engine) {
        try (TestDatabase db = engine.create(dir); Storage storage = db.openStorage()) {
            Bench b = bench(storage);
            int user = BillingFixtures.user(storage, 1_000);
            int token = BillingFixtures.token(storage, user, 100, false);

            QuotaException userShort = assertThrows(QuotaException.class,
                    () -> b.ledger().reserve(user, token, false, 1_001));
            assertEquals("insufficient_user_quota", userShort.code());
            assertEquals(403, userShort.status());
            assertEquals("user quota is not enough", userShort.getMessage());

            QuotaException tokenShort = assertThrows(QuotaException.class,
                    () -> b.ledger().reserve(user, token, false, 101));
            assertEquals("pre_consume_token_quota_failed", tokenShort.code());
            assertEquals(403, tokenShort.status());
            assertEquals(1_000, b.user(user).quota(), "the user part was given back");
            assertEquals(100, b.token(token).remainQuota());

            assertThrows(IllegalArgumentException.class, () -> b.ledger().reserve(user, token, false, -1));
            b.writer().close();
        }
    }

    @Test
    void userBelowZeroIsRefusedEvenForFreeRequests() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            Bench b = bench(storage);
            int user = BillingFixtures.user(storage, -5);
            assertEquals("insufficient_user_quota",
                    assertThrows(QuotaException.class, () -> b.ledger().reserve(user, 0, true, 0)).code());
            int rich = BillingFixtures.user(storage, 0);
            b.ledger().refund(b.ledger().reserve(rich, 0, true, 0));
            b.writer().close();
        }
    }

    @Test
    void unlimitedTokensStillAccumulateUsedQuota() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            Bench b = bench(storage);
            int user = BillingFixtures.user(storage, 10_000);
            int token = BillingFixtures.token(storage, user, 0, true);
            Reservation r = b.ledger().reserve(user, token, true, 2_000);
            assertEquals(0, b.token(token).remainQuota(), "unlimited tokens are not reserved against");
            b.ledger().settle(r, 700, consumeLog(0, 0, 0, "r"), 1);
            b.writer().close();
            assertEquals(9_300, b.user(user).quota());
            assertEquals(700, b.token(token).usedQuota(), "One API #506: used quota must grow here too");
            assertEquals(0, b.token(token).remainQuota());
        }
    }

    @Test
    void noConsumeLogWhenLoggingIsOff() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            Bench b = bench(storage, true, Options.of(Map.of("LogConsumeEnabled", "false")));
            int user = BillingFixtures.user(storage, 10_000);
            b.ledger().settle(b.ledger().reserve(user, 0, true, 100), 50, consumeLog(0, 0, 0, "r"), 1);
            b.writer().close();
            assertEquals(9_950, b.user(user).quota());
            assertEquals(1, b.user(user).requestCount());
            assertEquals(0, countLogs(storage.logs(), user));
        }
    }

    @Test
    void anOverrunTakesTheTokenBelowZeroByThatOverrunAndNoFurther() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            Bench b = bench(storage);
            int user = BillingFixtures.user(storage, 100_000);
            int token = BillingFixtures.token(storage, user, 1_000, false);
            Reservation r = b.ledger().reserve(user, token, false, 900);
            b.ledger().settle(r, 1_300, consumeLog(0, 0, 0, "long answer"), 1); // billed exactly, 400 over
            assertEquals(-300, b.token(token).remainQuota());
            assertEquals("pre_consume_token_quota_failed",
                    assertThrows(QuotaException.class, () -> b.ledger().reserve(user, token, false, 1)).code());
            b.writer().close();
            assertEquals(100_000 - 1_300, b.user(user).quota());
            assertEquals(1_300, sumLoggedQuota(storage.logs(), user));
        }
    }

    static Stream<Arguments> enginesWithAndWithoutBatching() {
        return TestDatabases.engines().flatMap(e -> Stream.of(Arguments.of(e, false), Arguments.of(e, true)));
    }

    /**
     * 200 concurrent reserve/settle-or-refund cycles on one user and one limited token: the user is charged exactly
     * the sum of the logged quotas, and the token (whose limit refuses some requests) never goes below zero, since
     * no final cost here exceeds its reservation (an overrun is covered by the test above).
     */
    @ParameterizedTest(name = "{0}, batch updates {1}")
    @MethodSource("enginesWithAndWithoutBatching")
    void concurrentCyclesStayExact(TestDatabases.Engine engine, boolean batch) throws Exception {
        try (TestDatabase db = engine.create(dir); Storage storage = db.openStorage()) {
            Bench b = bench(storage, batch, Options.of(Map.of()));
            int user = BillingFixtures.user(storage, 1_000_000);
            int token = BillingFixtures.token(storage, user, 6_000, false);
            int channel = BillingFixtures.channel(storage);
            AtomicLong settledQuota = new AtomicLong();
            AtomicLong settled = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            AtomicLong lowestRemain = new AtomicLong(Long.MAX_VALUE);
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> cycles = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                int n = i;
                cycles.add(pool.submit(() -> {
                    start.await();
                    long reserve = 50 + (n * 7L) % 100;
                    Reservation r;
                    try {
                        r = b.ledger().reserve(user, token, false, reserve);
                    } catch (QuotaException e) {
                        assertEquals("pre_consume_token_quota_failed", e.code());
                        refused.incrementAndGet();
                        return null;
                    }
                    if (n % 5 == 0) {
                        b.ledger().refund(r);
                    } else {
                        long used = (n * 13L) % (reserve + 1);
                        b.ledger().settle(r, used, consumeLog(0, 0, 0, "req-" + n), channel);
                        settledQuota.addAndGet(used);
                        settled.incrementAndGet();
                    }
                    lowestRemain.accumulateAndGet(b.token(token).remainQuota(), Math::min);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> cycle : cycles) {
                cycle.get();
            }
            pool.shutdown();
            b.writer().close();

            long charged = settledQuota.get();
            // With batch updates, returns (reservation minus final cost) reach the token only at the next flush, so a
            // token near its limit refuses more requests meanwhile; without batching most cycles get through.
            assertTrue(settled.get() > (batch ? 10 : 100), "cycles billed: " + settled.get());
            assertTrue(refused.get() > 0, "the token limit was reached");
            assertEquals(charged, sumLoggedQuota(storage.logs(), user), "every settlement was logged");
            assertEquals(settled.get(), countLogs(storage.logs(), user));
            assertEquals(1_000_000 - charged, b.user(user).quota(), "user charged exactly the logged sum");
            assertEquals(charged, b.user(user).usedQuota());
            assertEquals(settled.get(), b.user(user).requestCount());
            assertEquals(6_000 - charged, b.token(token).remainQuota());
            assertEquals(charged, b.token(token).usedQuota());
            assertEquals(charged, storage.channels().findById(channel).orElseThrow().usedQuota());
            assertFalse(lowestRemain.get() < 0, "token never went below zero: " + lowestRemain.get());
        }
    }
}
