package io.oneapi.storage.billing;

import static io.oneapi.storage.billing.BillingFixtures.consumeLog;
import static io.oneapi.storage.billing.BillingFixtures.countLogs;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.storage.LogStore;
import io.oneapi.storage.Storage;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BillingWriterTest {
    private static final Clock CLOCK = Clock.fixed(Instant.ofEpochSecond(1_700_000_123), ZoneOffset.UTC);
    private static final Duration LONG = Duration.ofHours(1);

    @TempDir
    Path dir;

    private static BillingWriter writer(Storage s, BillingSettings settings) {
        return new BillingWriter(s.users(), s.tokens(), s.channels(), s.logs(), settings, CLOCK);
    }

    /** Batched, and nothing flushes by itself during a test: only flush() and close() write. */
    private static BillingSettings quietBatch(int logBatchSize, int maxPendingLogs) {
        return new BillingSettings(true, LONG, LONG, logBatchSize, maxPendingLogs, Duration.ofSeconds(10));
    }

    /** Seeding reads stored balances between delta flushes; a slow log insert must not make them wait. */
    @Test
    void aSlowLogFlushDoesNotDelayStoredBalanceReads() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage s = db.openStorage()) {
            int user = BillingFixtures.user(s, 1_000);
            java.util.concurrent.CountDownLatch inserting = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            LogStore slowLogs = (LogStore) java.lang.reflect.Proxy.newProxyInstance(LogStore.class.getClassLoader(),
                    new Class<?>[] {LogStore.class}, (p, method, args) -> {
                        if (method.getName().equals("insertAll")) {
                            inserting.countDown();
                            release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                        }
                        try {
                            return method.invoke(s.logs(), args);
                        } catch (java.lang.reflect.InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (BillingWriter w = new BillingWriter(s.users(), s.tokens(), s.channels(), slowLogs, quietBatch(10, 100),
                    CLOCK)) {
                w.addUserQuota(user, -10);
                w.recordLog(consumeLog(user, 1, 10, "r1"));
                Future<?> flushing = pool.submit(w::flush);
                assertTrue(inserting.await(10, java.util.concurrent.TimeUnit.SECONDS));
                long start = System.nanoTime();
                BillingWriter.StoredBalance stored = w.storedBalance(
                        () -> s.users().findById(user).orElseThrow().quota());
                long waitedMillis = (System.nanoTime() - start) / 1_000_000;
                assertTrue(waitedMillis < 1_000, "the balance read waited " + waitedMillis + " ms for a log insert");
                assertEquals(990, w.balanceIfUnflushed(QuotaCounters.Kind.USER, user, stored).orElseThrow(),
                        "the deltas were flushed before the logs: 990 stored, nothing pending");
                release.countDown();
                flushing.get(10, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                release.countDown();
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void withoutBatchingDeltasAreWrittenAtOnce(TestDatabases.Engine engine) {
        try (TestDatabase db = engine.create(dir); Storage s = db.openStorage()) {
            int user = BillingFixtures.user(s, 1_000);
            int token = BillingFixtures.token(s, user, 500, false);
            int channel = BillingFixtures.channel(s);
            try (BillingWriter w = writer(s, new BillingSettings(false, LONG, LONG, 500, 1_000, Duration.ofSeconds(10)))) {
                w.addUserQuota(user, -100);
                w.addTokenQuota(token, -100, 100);
                w.addUserUsage(user, 100, 1);
                w.addChannelUsedQuota(channel, 100);
                assertEquals(900, s.users().findById(user).orElseThrow().quota());
                assertEquals(100, s.users().findById(user).orElseThrow().usedQuota());
                assertEquals(1, s.users().findById(user).orElseThrow().requestCount());
                assertEquals(400, s.tokens().findById(token).orElseThrow().remainQuota());
                assertEquals(100, s.tokens().findById(token).orElseThrow().usedQuota());
                assertEquals(CLOCK.instant().getEpochSecond(), s.tokens().findById(token).orElseThrow().accessedTime());
                assertEquals(100, s.channels().findById(channel).orElseThrow().usedQuota());

                w.recordLog(consumeLog(user, channel, 100, "r1"));
                assertEquals(1, w.pendingLogCount(), "logs always go through the batch path");
                w.flush();
                assertEquals(0, w.pendingLogCount());
                assertEquals(100, BillingFixtures.sumLoggedQuota(s.logs(), user));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void batchingSumsDeltasExactlyUntilTheFlush(TestDatabases.Engine engine) throws Exception {
        try (TestDatabase db = engine.create(dir); Storage s = db.openStorage()) {
            int user = BillingFixtures.user(s, 1_000_000);
            int token = BillingFixtures.token(s, user, 1_000_000, false);
            int channel = BillingFixtures.channel(s);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try (BillingWriter w = writer(s, quietBatch(500, 10_000))) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int thread = t;
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            long q = (thread * 500L + i) % 37 + 1;
                            w.addUserQuota(user, -q);
                            w.addTokenQuota(token, -q, q);
                            w.addUserUsage(user, q, 1);
                            w.addChannelUsedQuota(channel, q);
                        }
                    }));
                }
                for (Future<?> f : done) {
                    f.get();
                }
                long expected = 0;
                for (int i = 0; i < 4000; i++) {
                    expected += i % 37 + 1;
                }
                assertEquals(1_000_000, s.users().findById(user).orElseThrow().quota(), "nothing written yet");
                w.flush();
                assertEquals(1_000_000 - expected, s.users().findById(user).orElseThrow().quota());
                assertEquals(expected, s.users().findById(user).orElseThrow().usedQuota());
                assertEquals(4000, s.users().findById(user).orElseThrow().requestCount());
                assertEquals(1_000_000 - expected, s.tokens().findById(token).orElseThrow().remainQuota());
                assertEquals(expected, s.tokens().findById(token).orElseThrow().usedQuota());
                assertEquals(expected, s.channels().findById(channel).orElseThrow().usedQuota());
                w.flush(); // nothing pending: writes nothing twice
                assertEquals(1_000_000 - expected, s.users().findById(user).orElseThrow().quota());
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void closeDrainsEverything(TestDatabases.Engine engine) {
        try (TestDatabase db = engine.create(dir); Storage s = db.openStorage()) {
            int user = BillingFixtures.user(s, 10_000);
            int channel = BillingFixtures.channel(s);
            BillingWriter w = writer(s, quietBatch(500, 10_000));
            for (int i = 0; i < 1_234; i++) {
                w.recordLog(consumeLog(user, channel, 1, "r" + i));
                w.addUserQuota(user, -1);
            }
            w.close();
            assertEquals(1_234, countLogs(s.logs(), user));
            assertEquals(1_234, BillingFixtures.sumLoggedQuota(s.logs(), user));
            assertEquals(10_000 - 1_234, s.users().findById(user).orElseThrow().quota());

            // After close nothing is lost either: writes go straight to the database.
            w.addUserQuota(user, 34);
            w.recordLog(consumeLog(user, channel, 7, "late"));
            assertEquals(10_000 - 1_200, s.users().findById(user).orElseThrow().quota());
            assertEquals(1_235, countLogs(s.logs(), user));
            w.close(); // idempotent
        }
    }

    @Test
    void failedFlushesKeepTheDataAndRetry() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage s = db.openStorage()) {
            int user = BillingFixtures.user(s, 1_000);
            int channel = BillingFixtures.channel(s);
            try (BillingWriter w = writer(s, quietBatch(500, 10_000))) {
                w.addUserQuota(user, -300);
                w.addUserUsage(user, 300, 1);
                w.recordLog(consumeLog(user, channel, 300, "r1"));
                BillingFixtures.sqlite(db.sqlitePath(), "ALTER TABLE users RENAME TO users_away");
                BillingFixtures.sqlite(db.sqlitePath(), "ALTER TABLE logs RENAME TO logs_away");
                assertThrows(IllegalStateException.class, w::flush);
                assertThrows(IllegalStateException.class, w::flush);
                assertEquals(1, w.pendingLogCount());
                BillingFixtures.sqlite(db.sqlitePath(), "ALTER TABLE users_away RENAME TO users");
                BillingFixtures.sqlite(db.sqlitePath(), "ALTER TABLE logs_away RENAME TO logs");
                w.flush();
                assertEquals(700, s.users().findById(user).orElseThrow().quota(), "applied exactly once");
                assertEquals(300, s.users().findById(user).orElseThrow().usedQuota());
                assertEquals(1, countLogs(s.logs(), user));
            }
        }
    }

    @Test
    void failedImmediateWritesAreQueuedForRetry() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage s = db.openStorage()) {
            int user = BillingFixtures.user(s, 1_000);
            BillingWriter w = writer(s, new BillingSettings(false, LONG, LONG, 500, 1_000, Duration.ofSeconds(10)));
            BillingFixtures.sqlite(db.sqlitePath(), "ALTER TABLE users RENAME TO users_away");
            w.addUserQuota(user, -250); // fails, kept
            BillingFixtures.sqlite(db.sqlitePath(), "ALTER TABLE users_away RENAME TO users");
            w.close();
            assertEquals(750, s.users().findById(user).orElseThrow().quota());
        }
    }

    @Test
    void logsBeyondTheMemoryCapAreDroppedAndCounted() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage s = db.openStorage()) {
            int user = BillingFixtures.user(s, 1_000);
            BillingFixtures.sqlite(db.sqlitePath(), "ALTER TABLE logs RENAME TO logs_away");
            try (BillingWriter w = writer(s, quietBatch(10, 10))) {
                for (int i = 0; i < 30; i++) {
                    w.recordLog(consumeLog(user, 1, 1, "r" + i));
                }
                assertTrue(w.droppedLogCount() > 0);
                assertTrue(w.pendingLogCount() <= 20, "memory stays bounded (cap plus one batch in flight)");
                BillingFixtures.sqlite(db.sqlitePath(), "ALTER TABLE logs_away RENAME TO logs");
                w.flush();
                assertEquals(30, countLogs(s.logs(), user) + w.droppedLogCount(),
                        "every log is either written or counted as lost");
            }
        }
    }

    @Test
    void settingsAreChecked() {
        assertThrows(IllegalArgumentException.class,
                () -> new BillingSettings(true, Duration.ZERO, LONG, 1, 1, LONG));
        assertThrows(IllegalArgumentException.class,
                () -> new BillingSettings(true, LONG, LONG, 10, 5, LONG));
        BillingSettings fromEnv = BillingSettings.of(true, Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(1), fromEnv.logInterval());
        assertEquals(Duration.ofMillis(200), BillingSettings.of(false, Duration.ofMillis(200)).logInterval());
    }
}
