package io.oneapi.proxy.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
     * one still holds its reservation waits for that queued settlement and gets through.
     */
    @Test
    void aRefusedReservationWaitsForTheSameUsersQueuedSettlement() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage()) {
            BillingWriter writer = new BillingWriter(storage.users(), storage.tokens(), storage.channels(),
                    storage.logs(), BillingSettings.of(false, Duration.ofSeconds(1)), Clock.systemUTC());
            QuotaLedger ledger = new QuotaLedger(storage.users(), storage.tokens(), writer, () -> OPTIONS,
                    Clock.systemUTC());
            TokenCounter counter = new TokenCounter(() -> OPTIONS);
            LedgerBilling billing = new LedgerBilling(ledger, writer, new Pricing(() -> OPTIONS, counter), counter);
            int user = BillingFixtures.user(storage, 1_000_000);
            int token = BillingFixtures.token(storage, user, 1_000, false);
            int channel = BillingFixtures.channel(storage);
            RelayBilling.ReserveRequest request = new RelayBilling.ReserveRequest(user, token, false, "t", "u",
                    "default", "m", 1, RelayMode.CHAT_COMPLETIONS, null, 100, 0, "application/json");

            RelayBilling.Hold first = billing.reserve(request); // 500 + 38: the token keeps 462
            BillingRefusal refused = assertThrows(BillingRefusal.class, () -> billing.reserve(request));
            assertEquals(403, refused.error().status(), "nothing queued: refused at once");

            billing.settlementQueued(first);
            CompletableFuture<RelayBilling.Hold> second = CompletableFuture.supplyAsync(() -> billing.reserve(request));
            Thread.sleep(300); // the second reservation must be waiting, not refused
            assertFalse(second.isDone(), "waits for the queued settlement");
            billing.settle(first, request, new RelayRecord("r1", RelayOutcome.OK, RelayMode.CHAT_COMPLETIONS,
                    channel, 1, "m", "m", false, new Usage(10, 20, 30), "ok", null, 5, false));
            RelayBilling.Hold next = second.get(10, TimeUnit.SECONDS);
            assertEquals(538, next.reservedQuota());
            billing.release(next);
            writer.close();
            assertEquals(970, storage.tokens().findById(token).orElseThrow().remainQuota());
        }
    }
}
