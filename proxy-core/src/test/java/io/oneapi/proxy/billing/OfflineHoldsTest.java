package io.oneapi.proxy.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.storage.DatabaseOutage;
import io.oneapi.storage.Storage;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-memory judgement of reservations during an outage, with balances as a node's caches would hold them. */
class OfflineHoldsTest {
    private static final SQLTransientConnectionException GONE = new SQLTransientConnectionException("gone");

    @TempDir
    Path dir;

    /** User 1 has 1,000 cached, its token 10 has 600; user 2 and token 20 were never read here. */
    private static final CachedBalances BALANCES = new CachedBalances() {
        @Override
        public OptionalLong userQuota(int userId) {
            return userId == 1 ? OptionalLong.of(1_000) : OptionalLong.empty();
        }

        @Override
        public OptionalLong tokenRemainQuota(int tokenId) {
            return tokenId == 10 ? OptionalLong.of(600) : OptionalLong.empty();
        }
    };

    private static Reservation limited(long amount) {
        return new Reservation(1, 10, false, amount);
    }

    private static Reservation unlimited(long amount) {
        return new Reservation(1, 10, true, amount);
    }

    private static QuotaException refused(OfflineHolds holds, Reservation r) {
        return assertThrows(QuotaException.class, () -> holds.hold(r));
    }

    @Test
    void judgesAgainstCachedBalancesMinusWhatThisOutageHeld() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage();
             DatabaseOutage outage = new DatabaseOutage(storage.database(), Duration.ofHours(1))) {
            outage.report(GONE);
            OfflineHolds holds = new OfflineHolds(BALANCES, outage, 100, Duration.ofMinutes(2));

            Reservation first = limited(400);
            holds.hold(first);
            assertEquals("pre_consume_token_quota_failed", refused(holds, limited(201)).code(), "600 - 400 < 201");
            holds.hold(limited(200));
            holds.ended(first, 100); // settled below its hold: 300 of the token's cached 600 free again
            holds.hold(limited(300));
            assertEquals(403, refused(holds, limited(1)).status());

            holds.hold(unlimited(400)); // the user has 1,000 - 600 = 400 left
            QuotaException user = refused(holds, unlimited(1));
            assertEquals("insufficient_user_quota", user.code());
            assertEquals(403, user.status());

            QuotaException unknown = refused(holds, new Reservation(2, 0, true, 1));
            assertEquals(503, unknown.status(), "a user never read here cannot be judged");
            assertEquals("database_unavailable", unknown.code());
            holds.ended(new Reservation(1, 10, false, 5), 0); // never held here: ignored
        }
    }

    @Test
    void unknownTokenAndBoundsRefuseWith503() {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage();
             DatabaseOutage outage = new DatabaseOutage(storage.database(), Duration.ofHours(1))) {
            outage.report(GONE);
            OfflineHolds holds = new OfflineHolds(BALANCES, outage, 2, Duration.ofMinutes(2));
            assertEquals(503, refused(holds, new Reservation(1, 20, false, 1)).status());
            holds.hold(unlimited(1));
            holds.hold(unlimited(1));
            assertEquals(503, refused(holds, unlimited(1)).status(), "at most maxHolds per outage");

            OfflineHolds expired = new OfflineHolds(BALANCES, outage, 100, Duration.ZERO);
            assertEquals(503, refused(expired, unlimited(1)).status(), "none once the outage is too old");
        }
    }

    @Test
    void aNewOutageStartsFromTheCachedBalancesAgain() throws Exception {
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage();
             DatabaseOutage outage = new DatabaseOutage(storage.database(), Duration.ofMillis(10))) {
            CountDownLatch recovered = new CountDownLatch(1);
            outage.onRecovery(recovered::countDown);
            outage.report(GONE);
            OfflineHolds holds = new OfflineHolds(BALANCES, outage, 100, Duration.ofMinutes(2));
            holds.hold(unlimited(1_000));
            assertEquals(403, refused(holds, unlimited(1)).status());

            assertTrue(recovered.await(10, TimeUnit.SECONDS)); // SQLite answers the probe
            assertTrue(outage.report(GONE));
            assertEquals(2, outage.outageNumber());
            holds.hold(unlimited(1_000));
        }
    }
}
