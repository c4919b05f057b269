package io.oneapi.proxy.billing;

import io.oneapi.storage.LogEntry;
import io.oneapi.storage.TokenStore;
import io.oneapi.storage.UserStore;
import io.oneapi.storage.billing.BillingWriter;
import io.oneapi.storage.options.Options;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reserve before the upstream call, settle or refund after it. Blocking (JDBC): call it on the billing executor.
 *
 * <p>Reservations are conditional, atomic decrements on the database ({@code quota >= amount}), first on the user,
 * then on a limited token; if the token refuses, the user part is given back. One API's "trust shortcut" (skip the
 * reservation when the user holds over 100x the estimate) is deliberately not implemented: it let limited tokens go
 * arbitrarily negative. Every request therefore holds a reservation, and a limited token can only go below zero by
 * the overruns (final cost above the reservation) of requests already admitted, since each admission needed
 * {@code remain_quota >= reservation}.
 *
 * <p>Settlement and refunds are deltas and go through the {@link BillingWriter} (batched when
 * {@code BATCH_UPDATE_ENABLED}), so the user's quota ends up charged exactly the settled amounts.
 *
 * <p>Degraded mode (with {@link OfflineHolds}): when the reservation statement fails because the database cannot be
 * reached, or an outage is already known, the reservation is judged in memory against the cached balances and its
 * quota is queued in the writer like a settlement delta; the writer writes everything once the database is back.
 */
public final class QuotaLedger {
    private static final Logger log = LoggerFactory.getLogger(QuotaLedger.class);

    private final UserStore users;
    private final TokenStore tokens;
    private final BillingWriter writer;
    private final Supplier<Options> options;
    private final Clock clock;
    /** Null: no degraded mode, a database failure refuses the request. */
    private final OfflineHolds offline;
    /** Null: every reservation is a conditional database statement. */
    private final CountedQuota counted;

    public QuotaLedger(UserStore users, TokenStore tokens, BillingWriter writer, Supplier<Options> options,
                       Clock clock) {
        this(users, tokens, writer, options, clock, null, null);
    }

    /**
     * A ledger that keeps serving while the database is unreachable: reservations are then judged in memory by
     * {@code offline} and their quota goes through {@code writer}, which holds it until the database is back.
     */
    QuotaLedger(UserStore users, TokenStore tokens, BillingWriter writer, Supplier<Options> options, Clock clock,
                OfflineHolds offline, CountedQuota counted) {
        this.users = users;
        this.tokens = tokens;
        this.writer = writer;
        this.options = options;
        this.clock = clock;
        this.offline = offline;
        this.counted = counted;
    }

    /**
     * Takes {@code amount} from the user and, unless the token is unlimited, from the token, atomically.
     *
     * @param tokenId the token's id, or 0 when the request carries no token (then only the user is charged)
     * @throws QuotaException {@code insufficient_user_quota} or {@code pre_consume_token_quota_failed} (403) when
     *         quota is short (nothing stays taken), or a 500 when the database failed
     */
    public Reservation reserve(int userId, int tokenId, boolean tokenUnlimited, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("reservation must not be negative: " + amount);
        }
        Reservation reservation = new Reservation(userId, tokenId, tokenUnlimited, amount);
        if (counted != null) {
            CountedQuota.Outcome outcome;
            try {
                outcome = counted.reserve(reservation);
            } catch (QuotaException e) {
                throw e;
            } catch (RuntimeException e) { // the database failed while a counter was seeded
                if (offline != null && offline.outage().report(e)) {
                    return holdOffline(reservation);
                }
                throw new QuotaException("decrease_user_quota_failed", 500, "failed to reserve user quota", e);
            }
            if (outcome == CountedQuota.Outcome.TAKEN) {
                return reservation;
            }
            if (outcome == CountedQuota.Outcome.NEEDS_DATABASE && offline != null) {
                return holdOffline(reservation);
            }
            // The counters are away: judge against the database below, as without them.
        }
        if (offline != null && offline.outage().suspected()) {
            return holdOffline(reservation);
        }
        boolean taken;
        try {
            // Even a zero reservation runs the check, refusing users whose quota is already below zero.
            taken = users.reserveQuota(userId, amount);
        } catch (RuntimeException e) {
            if (offline != null && offline.outage().report(e)) {
                return holdOffline(reservation);
            }
            throw new QuotaException("decrease_user_quota_failed", 500, "failed to reserve user quota", e);
        }
        if (!taken) {
            throw QuotaException.userQuotaNotEnough();
        }
        if (!reservation.limitsToken() || amount == 0) {
            return reservation;
        }
        try {
            taken = tokens.reserveQuota(tokenId, amount);
        } catch (RuntimeException e) {
            boolean outage = offline != null && offline.outage().report(e);
            giveBackToUser(userId, amount);
            if (outage) {
                return holdOffline(reservation);
            }
            throw new QuotaException("pre_consume_token_quota_failed", 500, "failed to reserve token quota", e);
        }
        if (!taken) {
            giveBackToUser(userId, amount);
            throw QuotaException.tokenQuotaNotEnough();
        }
        return reservation;
    }

    /** Whether {@link #reserveIfWarm} can ever succeed: counters in this JVM's memory, quota writes batched. */
    public boolean reservesWithoutBlocking() {
        return counted != null && counted.canReserveWithoutBlocking();
    }

    /** Whether settling for {@code userId} could wait on a counter seed that reads the database right now. */
    public boolean mayWaitToSettle(int userId) {
        return counted != null && counted.busy(userId);
    }

    /**
     * As {@link #reserve}, but only from warm in-memory counters, without any blocking call (event loops).
     *
     * @return the reservation, or null when it needs a blocking step (seeding, the database, Redis)
     * @throws QuotaException when quota is short
     */
    public Reservation reserveIfWarm(int userId, int tokenId, boolean tokenUnlimited, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("reservation must not be negative: " + amount);
        }
        if (counted == null) {
            return null;
        }
        Reservation reservation = new Reservation(userId, tokenId, tokenUnlimited, amount);
        return counted.reserveIfWarm(reservation) ? reservation : null;
    }

    /**
     * Charges {@code finalQuota}: the difference to the reservation goes to the user's and the token's quota
     * (token {@code used_quota} moves too, also for unlimited tokens, unlike One API #506), the user's used quota
     * and request count and the channel's used quota grow by {@code finalQuota}, and the consume log is written
     * when {@code LogConsumeEnabled}. Its user id, channel, type, quota and time are filled in here.
     *
     * @param consumeLog the log row to write (its quota is replaced by {@code finalQuota}); null for none
     */
    public void settle(Reservation reservation, long finalQuota, LogEntry consumeLog, int channelId) {
        if (finalQuota < 0) {
            throw new IllegalArgumentException("final quota must not be negative: " + finalQuota);
        }
        if (!reservation.end()) {
            log.warn("ignoring second settlement of {}", reservation);
            return;
        }
        if (offline != null) {
            offline.ended(reservation, finalQuota);
        }
        long delta = finalQuota - reservation.amount();
        // The token row is always written (accessed_time), also for an unlimited token's used quota.
        if (reservation.limitsToken()) {
            moveQuota(reservation, -delta, -delta, delta, true);
        } else {
            moveQuota(reservation, -delta, 0, finalQuota, reservation.tokenId() > 0);
        }
        writer.addUserUsage(reservation.userId(), finalQuota, 1);
        writer.addChannelUsedQuota(channelId, finalQuota);
        if (consumeLog != null && options.get().logConsumeEnabled()) {
            writer.recordLog(asConsumeLog(consumeLog, reservation.userId(), channelId, finalQuota));
        }
    }

    /** Gives the whole reservation back (the request did no billable upstream work). */
    public void refund(Reservation reservation) {
        if (!reservation.end()) {
            log.warn("ignoring refund of already ended {}", reservation);
            return;
        }
        if (offline != null) {
            offline.ended(reservation, 0);
        }
        long amount = reservation.amount();
        moveQuota(reservation, amount, amount, -amount, reservation.limitsToken() && amount > 0);
    }

    /** Quota changes after the reservation: through the counters when they judge reservations, else the writer. */
    private void moveQuota(Reservation r, long userDelta, long tokenRemainDelta, long tokenUsedDelta,
                           boolean tokenRow) {
        if (counted != null) {
            counted.adjust(r, userDelta, tokenRemainDelta, tokenUsedDelta, tokenRow);
            return;
        }
        writer.addUserQuota(r.userId(), userDelta);
        if (tokenRow) {
            writer.addTokenQuota(r.tokenId(), tokenRemainDelta, tokenUsedDelta);
        }
    }

    /**
     * The database is unreachable: judges the reservation in memory and takes its quota through the writer, which
     * queues it until the database answers; settlement and refund then adjust it like any other.
     */
    private Reservation holdOffline(Reservation reservation) {
        offline.hold(reservation);
        if (counted != null) {
            counted.forget(reservation); // its quota bypasses the counters: seed them again from the records
        }
        writer.addUserQuota(reservation.userId(), -reservation.amount());
        if (reservation.limitsToken() && reservation.amount() > 0) {
            writer.addTokenQuota(reservation.tokenId(), -reservation.amount(), reservation.amount());
        }
        return reservation;
    }

    /** Undoes the user half of a reservation the token refused: at once, or through the writer's retry. */
    private void giveBackToUser(int userId, long amount) {
        if (amount == 0) {
            return;
        }
        if (offline != null && offline.outage().suspected()) {
            writer.addUserQuota(userId, amount);
            return;
        }
        try {
            users.addQuota(userId, amount);
        } catch (RuntimeException e) {
            log.warn("giving back user {} reservation failed, handing it to the billing writer: {}", userId,
                    e.toString());
            writer.addUserQuota(userId, amount);
        }
    }

    private LogEntry asConsumeLog(LogEntry e, int userId, int channelId, long quota) {
        long createdAt = e.createdAt() > 0 ? e.createdAt() : clock.instant().getEpochSecond();
        int loggedQuota = (int) Math.min(Integer.MAX_VALUE, quota); // logs.quota is an int column in One API
        return new LogEntry(0, userId, createdAt, LogEntry.TYPE_CONSUME, e.content(), e.username(), e.tokenName(),
                e.modelName(), loggedQuota, e.promptTokens(), e.completionTokens(), channelId, e.requestId(),
                e.elapsedTime(), e.isStream(), e.systemPromptReset());
    }
}
