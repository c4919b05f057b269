package io.oneapi.proxy.billing;

import static io.oneapi.storage.billing.BillingFixtures.consumeLog;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.config.GatewayConfig.DatabaseSettings;
import io.oneapi.proxy.auth.AuthCache;
import io.oneapi.storage.ChangeSignal;
import io.oneapi.storage.DatabaseOutage;
import io.oneapi.storage.InProcessChangeSignal;
import io.oneapi.storage.Storage;
import io.oneapi.storage.Token;
import io.oneapi.storage.User;
import io.oneapi.storage.billing.BillingFixtures;
import io.oneapi.storage.billing.BillingSettings;
import io.oneapi.storage.billing.BillingWriter;
import io.oneapi.storage.billing.MemoryQuotaCounters;
import io.oneapi.storage.options.Options;
import io.oneapi.storage.testing.TcpGate;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The relay's degraded mode on a real database that goes away behind a {@link TcpGate}: cached tokens keep
 * authenticating, reservations are held in memory, and every quota change and consume log reaches the database
 * once it is back.
 */
class OfflineBillingTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = TestDatabases.Engine.class, names = {"MYSQL", "POSTGRES"})
    void cachedTokensKeepWorkingAndBillingIsWrittenWhenTheDatabaseReturns(TestDatabases.Engine engine)
            throws Exception {
        ExecutorService blocking = Executors.newFixedThreadPool(4);
        try (TestDatabase db = engine.create(dir); TcpGate gate = TcpGate.inFrontOf(db.dsn());
             Storage storage = Storage.open(through(gate, db), true, new InProcessChangeSignal());
             DatabaseOutage outage = new DatabaseOutage(storage.database(), Duration.ofMillis(200))) {
            int user = BillingFixtures.user(storage, 10_000);
            int token = BillingFixtures.token(storage, user, 5_000, false);
            int channel = BillingFixtures.channel(storage);
            String key = storage.tokens().findById(token).orElseThrow().key();
            ChangeSignal signal = storage.changes();
            AuthCache cache = new AuthCache(storage.tokens(), storage.users(), blocking, signal,
                    Duration.ofMinutes(1), outage);
            BillingWriter writer = new BillingWriter(storage.users(), storage.tokens(), storage.channels(),
                    storage.logs(), BillingSettings.of(false, Duration.ofSeconds(1)), Clock.systemUTC(),
                    outage::suspected);
            outage.onRecovery(writer::wake);
            QuotaLedger ledger = new QuotaLedger(storage.users(), storage.tokens(), writer,
                    () -> Options.of(Map.of()), Clock.systemUTC(),
                    new OfflineHolds(cache, outage, 1_000, Duration.ofMinutes(2)), null);

            assertEquals(token, cache.token(key).join().orElseThrow().id()); // this node has read them
            assertEquals(user, cache.user(user).join().orElseThrow().id());
            Reservation online = ledger.reserve(user, token, false, 1_000);
            ledger.settle(online, 500, consumeLog(0, 0, 0, "online"), channel);

            gate.cut();
            long start = System.nanoTime();
            Reservation first = ledger.reserve(user, token, false, 2_000); // finds out; held in memory
            assertTrue(outage.suspected());
            assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10));
            start = System.nanoTime();
            Reservation second = ledger.reserve(user, token, false, 2_000); // no database call at all
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500));
            QuotaException shortToken = assertThrows(QuotaException.class,
                    () -> ledger.reserve(user, token, false, 2_000));
            assertEquals("pre_consume_token_quota_failed", shortToken.code(), "5,000 cached - 4,000 held");

            signal.publish(ChangeSignal.Topic.TOKENS); // empties the cache: the reload must fall back
            signal.publish(ChangeSignal.Topic.USERS);
            Token cached = cache.token(key).get(5, TimeUnit.SECONDS).orElseThrow();
            assertEquals(token, cached.id());
            User owner = cache.user(user).get(5, TimeUnit.SECONDS).orElseThrow();
            assertTrue(owner.enabled());
            assertThrows(CompletionException.class, () -> cache.token("never-seen-here").join(),
                    "an unknown key cannot be checked without the database");

            ledger.settle(first, 1_500, consumeLog(0, 0, 0, "offline-1"), channel);
            ledger.refund(second);

            gate.open();
            writer.close(); // drains: retries until the database answers
            assertTrue(!outage.suspected() || waitForRecovery(outage));

            User after = storage.users().findById(user).orElseThrow();
            assertEquals(10_000 - 500 - 1_500, after.quota());
            assertEquals(2_000, after.usedQuota());
            assertEquals(2, after.requestCount());
            Token tokenAfter = storage.tokens().findById(token).orElseThrow();
            assertEquals(5_000 - 500 - 1_500, tokenAfter.remainQuota());
            assertEquals(2_000, tokenAfter.usedQuota());
            assertEquals(2, BillingFixtures.countLogs(storage.logs(), user));
            assertEquals(2_000, BillingFixtures.sumLoggedQuota(storage.logs(), user));
            assertEquals(2_000, storage.channels().findById(channel).orElseThrow().usedQuota());
        } finally {
            blocking.shutdownNow();
        }
    }

    /**
     * With quota counters (BATCH_UPDATE_ENABLED or Redis) a warm node does not even notice the outage: its
     * reservations are judged by the counters, the token limit still holds, and the records are written when the
     * database returns.
     */
    @ParameterizedTest
    @EnumSource(value = TestDatabases.Engine.class, names = {"MYSQL", "POSTGRES"})
    void warmCountersKeepJudgingThroughAnOutage(TestDatabases.Engine engine) throws Exception {
        ExecutorService blocking = Executors.newFixedThreadPool(4);
        try (TestDatabase db = engine.create(dir); TcpGate gate = TcpGate.inFrontOf(db.dsn());
             Storage storage = Storage.open(through(gate, db), true, new InProcessChangeSignal());
             DatabaseOutage outage = new DatabaseOutage(storage.database(), Duration.ofMillis(200))) {
            int user = BillingFixtures.user(storage, 10_000);
            int token = BillingFixtures.token(storage, user, 5_000, false);
            int channel = BillingFixtures.channel(storage);
            AuthCache cache = new AuthCache(storage.tokens(), storage.users(), blocking, storage.changes(),
                    Duration.ofMinutes(1), outage);
            BillingWriter writer = new BillingWriter(storage.users(), storage.tokens(), storage.channels(),
                    storage.logs(), BillingSettings.of(true, Duration.ofMillis(100)), Clock.systemUTC(),
                    outage::suspected);
            outage.onRecovery(writer::wake);
            CountedQuota counted = new CountedQuota(new MemoryQuotaCounters(Duration.ofMinutes(10)), writer,
                    storage.users(), storage.tokens(), storage.changes(), outage::suspected);
            QuotaLedger ledger = new QuotaLedger(storage.users(), storage.tokens(), writer,
                    () -> Options.of(Map.of()), Clock.systemUTC(),
                    new OfflineHolds(cache, outage, 1_000, Duration.ofMinutes(2)), counted);
            ledger.settle(ledger.reserve(user, token, false, 1_000), 500, consumeLog(0, 0, 0, "online"), channel);

            gate.cut();
            long start = System.nanoTime();
            Reservation first = ledger.reserve(user, token, false, 2_000);
            Reservation second = ledger.reserve(user, token, false, 2_000);
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500), "no database call");
            QuotaException shortToken = assertThrows(QuotaException.class,
                    () -> ledger.reserve(user, token, false, 1_000));
            assertEquals("pre_consume_token_quota_failed", shortToken.code(), "5,000 - 500 - 4,000 held");
            ledger.settle(first, 1_500, consumeLog(0, 0, 0, "offline-1"), channel);
            ledger.refund(second);

            gate.open();
            writer.close(); // drains: retries until the database answers
            User after = storage.users().findById(user).orElseThrow();
            assertEquals(10_000 - 500 - 1_500, after.quota());
            assertEquals(2_000, after.usedQuota());
            Token tokenAfter = storage.tokens().findById(token).orElseThrow();
            assertEquals(5_000 - 500 - 1_500, tokenAfter.remainQuota());
            assertEquals(2_000, tokenAfter.usedQuota());
            assertEquals(2, BillingFixtures.countLogs(storage.logs(), user));
            assertEquals(2_000, storage.channels().findById(channel).orElseThrow().usedQuota());
        } finally {
            blocking.shutdownNow();
        }
    }

    private static DatabaseSettings through(TcpGate gate, TestDatabase db) {
        DatabaseSettings direct = db.settings();
        return new DatabaseSettings(gate.route(db.dsn()), "", direct.sqlitePath(), direct.sqliteBusyTimeout(),
                direct.maxIdleConns(), direct.maxOpenConns(), direct.connMaxLifetime());
    }

    private static boolean waitForRecovery(DatabaseOutage outage) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (outage.suspected() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20); // polling with a deadline
        }
        return !outage.suspected();
    }
}
