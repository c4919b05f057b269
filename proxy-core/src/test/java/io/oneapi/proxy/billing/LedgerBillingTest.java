package io.oneapi.proxy.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.proxy.relay.BillingRefusal;
import io.oneapi.proxy.relay.RelayBilling;
import io.oneapi.proxy.relay.RelayOutcome;
import io.oneapi.proxy.relay.RelayRecord;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.Usage;
import io.oneapi.storage.Storage;
import io.oneapi.storage.billing.BillingFixtures;
import io.oneapi.storage.billing.BillingSettings;
import io.oneapi.storage.billing.BillingWriter;
import io.oneapi.storage.options.Options;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerBillingTest {
    private static final Options OPTIONS = Options.of(Map.of("ModelRatio", "{\"m\": 1}", "CompletionRatio",
            "{\"m\": 1}"));

    @TempDir
    Path dir;

    /**
     * The client has its answer before its request is settled; a next request refused only because the previous
     * one still holds its reservation waits for that hold to end and gets through. Without open holds a refusal
     * is immediate, and with a hold that never ends it comes after the bounded wait.
     */
    @Test
    void aRefusedReservationWaitsForTheSameUsersQueuedSettlement() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            BillingWriter writer = new BillingWriter(storage.users(), storage.tokens(), storage.channels(),
                    storage.logs(), BillingSettings.of(false, Duration.ofSeconds(1)), Clock.systemUTC());
            QuotaLedger ledger = new QuotaLedger(storage.users(), storage.tokens(), writer, () -> OPTIONS,
                    Clock.systemUTC());
            TokenCounter counter = new TokenCounter(() -> OPTIONS);
            LedgerBilling billing = new LedgerBilling(ledger, writer, new Pricing(() -> OPTIONS, counter), counter, null);
            int user = BillingFixtures.user(storage, 1_000_000);
            int token = BillingFixtures.token(storage, user, 1_000, false);
            int channel = BillingFixtures.channel(storage);
            RelayBilling.ReserveRequest request = new RelayBilling.ReserveRequest(user, token, false, "t", "u",
                    "default", "m", 1, RelayMode.CHAT_COMPLETIONS, null, 100, 0, "application/json");

            RelayBilling.Hold first = billing.reserve(request); // 500 + 38: the token keeps 462
            CompletableFuture<RelayBilling.Hold> second = CompletableFuture.supplyAsync(() -> billing.reserve(request));
            Thread.sleep(300); // the second reservation must be waiting, not refused
            assertFalse(second.isDone(), "waits while the first hold is open");
            billing.settle(first, request, new RelayRecord("r1", RelayOutcome.OK, RelayMode.CHAT_COMPLETIONS,
                    channel, 1, "m", "m", false, new Usage(10, 20, 30), "ok", null, 5, false));
            RelayBilling.Hold next = second.get(10, TimeUnit.SECONDS);
            assertEquals(538, next.reservedQuota());
            billing.release(next);

            // No hold open for the user: a reservation the token cannot cover is refused at once.
            int small = BillingFixtures.token(storage, user, 100, false);
            RelayBilling.ReserveRequest tooBig = new RelayBilling.ReserveRequest(user, small, false, "t", "u",
                    "default", "m", 1, RelayMode.CHAT_COMPLETIONS, null, 100, 0, "application/json");
            long start = System.nanoTime();
            BillingRefusal refused = assertThrows(BillingRefusal.class, () -> billing.reserve(tooBig));
            assertEquals(403, refused.error().status());
            assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(1_000), "no wait without holds");

            // A hold that never ends: the refusal comes after the bounded wait, not never.
            RelayBilling.Hold stuck = billing.reserve(request);
            start = System.nanoTime();
            assertThrows(BillingRefusal.class, () -> billing.reserve(tooBig));
            long waited = System.nanoTime() - start;
            assertTrue(waited >= LedgerBilling.HOLD_WAIT.toNanos() - TimeUnit.MILLISECONDS.toNanos(50)
                    && waited < LedgerBilling.HOLD_WAIT.toNanos() * 3, "waited " + waited / 1_000_000 + " ms");
            billing.release(stuck);
            writer.close();
            assertEquals(970, storage.tokens().findById(token).orElseThrow().remainQuota());
        }
    }
}
