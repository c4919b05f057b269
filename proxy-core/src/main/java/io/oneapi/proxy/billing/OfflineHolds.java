package io.oneapi.proxy.billing;

import io.oneapi.storage.DatabaseOutage;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reservations judged in memory while the database is unreachable: against the balance this node last read,
 * minus what it has held offline during the same outage. Bounded: at most {@code maxHolds} holds per outage and
 * none once the outage is older than {@code maxOutage}; then requests are refused (503) as without this mode.
 * A user or token unknown to this node is refused too: there is no balance to judge against.
 *
 * <p>Known overshoot: spending on other nodes, and on this one since the cached read, is not visible here, so a
 * balance can end below zero by at most what was spent in that window plus the holds of this outage.
 */
final class OfflineHolds {
    private final CachedBalances balances;
    private final DatabaseOutage outage;
    private final int maxHolds;
    private final Duration maxOutage;
    private final Map<Integer, Long> userHeld = new HashMap<>();
    private final Map<Integer, Long> tokenHeld = new HashMap<>();
    private final Set<Reservation> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private long outageNumber = -1;
    private int holds;

    OfflineHolds(CachedBalances balances, DatabaseOutage outage, int maxHolds, Duration maxOutage) {
        this.balances = balances;
        this.outage = outage;
        this.maxHolds = maxHolds;
        this.maxOutage = maxOutage;
    }

    DatabaseOutage outage() {
        return outage;
    }

    /** Holds {@code r}'s amount or throws a {@link QuotaException} (403 when short, 503 when out of bounds). */
    synchronized void hold(Reservation r) {
        startOfOutage();
        if (outage.elapsed().compareTo(maxOutage) > 0 || holds >= maxHolds) {
            throw unavailable();
        }
        long amount = r.amount();
        OptionalLong userQuota = balances.userQuota(r.userId());
        if (userQuota.isEmpty()) {
            throw unavailable();
        }
        long userLeft = userQuota.getAsLong() - userHeld.getOrDefault(r.userId(), 0L);
        if (userLeft < amount || userLeft < 0) {
            throw QuotaException.userQuotaNotEnough();
        }
        if (r.limitsToken()) {
            OptionalLong remain = balances.tokenRemainQuota(r.tokenId());
            if (remain.isEmpty()) {
                throw unavailable();
            }
            if (remain.getAsLong() - tokenHeld.getOrDefault(r.tokenId(), 0L) < amount) {
                throw QuotaException.tokenQuotaNotEnough();
            }
            tokenHeld.merge(r.tokenId(), amount, Long::sum);
        }
        userHeld.merge(r.userId(), amount, Long::sum);
        holds++;
        open.add(r);
    }

    /** A reservation ended at {@code finalQuota}; corrects what its user and token have held offline. */
    synchronized void ended(Reservation r, long finalQuota) {
        if (!open.remove(r)) {
            return;
        }
        long delta = finalQuota - r.amount();
        userHeld.merge(r.userId(), delta, Long::sum);
        if (r.limitsToken()) {
            tokenHeld.merge(r.tokenId(), delta, Long::sum);
        }
    }

    /**
     * Sums start again with each outage. Between outages the billing writer catches up and the caches re-read
     * balances; a second outage before that does not see the first one's holds, which the overshoot bound above
     * covers.
     */
    private void startOfOutage() {
        long number = outage.outageNumber();
        if (number != outageNumber) {
            outageNumber = number;
            userHeld.clear();
            tokenHeld.clear();
            open.clear();
            holds = 0;
        }
    }

    private static QuotaException unavailable() {
        return new QuotaException("database_unavailable", 503,
                "the database is unreachable and this request cannot be judged from memory; try again shortly", null);
    }
}
