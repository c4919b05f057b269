package io.oneapi.proxy.billing;

import io.oneapi.storage.ChangeSignal;
import io.oneapi.storage.TokenStore;
import io.oneapi.storage.UserStore;
import io.oneapi.storage.billing.BillingWriter;
import io.oneapi.storage.billing.BillingWriter.StoredBalance;
import io.oneapi.storage.billing.QuotaCounters;
import io.oneapi.storage.billing.QuotaCounters.CountersUnavailableException;
import io.oneapi.storage.billing.QuotaCounters.Kind;
import io.oneapi.storage.billing.QuotaCounters.Take;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reservations judged against {@link QuotaCounters} (memory, or Redis shared by all nodes) instead of a database
 * statement, so a warm node reserves without a database round trip. The database stays the record: every quota
 * change made here also goes to the {@link BillingWriter}, and a counter is seeded from the database plus the
 * writer's pending deltas.
 *
 * <p>Why the stripe lock: a counter must never miss a change nor count one twice. Each change (writer first, then
 * counter) and each seed (database + pending, then counter) for a user runs under that user's stripe; a token is
 * always changed together with its owner, so it shares the owner's stripe. With Redis, other nodes' unwritten
 * deltas are not in a seed: admission can then be off by what other nodes spent since their last flush (the
 * records stay exact). Counters are dropped when an edit outside the relay changes balances (change signal), when
 * the relay had to bypass them, and when they expire. The stripe is never held across a database read: seeds are
 * read outside it and used only when no delta flush ran since (see {@link BillingWriter#balanceIfUnflushed}), so
 * event loops that reserve and settle from warm counters never wait for the database.
 *
 * <p>When the counters cannot be reached (Redis away) the caller judges against the database instead; the counters
 * are then dropped once they answer again, since they missed changes meanwhile. Blocking: billing executor only.
 */
final class CountedQuota {
    private static final Logger log = LoggerFactory.getLogger(CountedQuota.class);
    private static final int STRIPES = 64;
    private static final Duration RETRY_DELAY = Duration.ofSeconds(2);
    /**
     * Seeds are read outside the stripe and used only if no delta flush ran meanwhile; after this many tries
     * (flushes are seconds apart, so it takes a very busy writer) the seed is read under the stripe.
     */
    private static final int SEED_ROUNDS = 6;

    /** A stored balance read for a seed, and {@link #forgetCount} before it was read. */
    private record Seed(StoredBalance stored, long edits) {
    }

    /** What {@link #reserve} did. */
    enum Outcome { TAKEN, COUNTERS_DOWN, NEEDS_DATABASE }

    private final QuotaCounters counters;
    private final BillingWriter writer;
    private final UserStore users;
    private final TokenStore tokens;
    private final BooleanSupplier databaseDown;
    private final long retryNanos;
    private final Object[] stripes = new Object[STRIPES];
    /**
     * Per stripe, how many threads are in (or waiting for) a last seeding round, which reads the database while
     * holding the stripe. Event loops keep away from such a stripe instead of waiting on it.
     */
    private final AtomicIntegerArray slowHolds = new AtomicIntegerArray(STRIPES);
    /** The counters missed changes while unreachable: drop them all before trusting them again. */
    private volatile boolean stale;
    private volatile long downUntil;
    private volatile boolean loggedDown;
    /** Counts drops after edits outside the relay: a seed read before one of them is not used. */
    private final AtomicLong forgetCount = new AtomicLong();

    CountedQuota(QuotaCounters counters, BillingWriter writer, UserStore users, TokenStore tokens,
                 ChangeSignal signal, BooleanSupplier databaseDown) {
        this(counters, writer, users, tokens, signal, databaseDown, RETRY_DELAY);
    }

    /** @param retryDelay how long unreachable counters are left alone before they are tried again */
    CountedQuota(QuotaCounters counters, BillingWriter writer, UserStore users, TokenStore tokens,
                 ChangeSignal signal, BooleanSupplier databaseDown, Duration retryDelay) {
        this.retryNanos = retryDelay.toNanos();
        this.counters = counters;
        this.writer = writer;
        this.users = users;
        this.tokens = tokens;
        this.databaseDown = databaseDown;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Object();
        }
        signal.subscribe(topic -> {
            switch (topic) {
                case USERS -> forgetAll(Kind.USER);
                case TOKENS -> forgetAll(Kind.TOKEN);
                default -> {
                }
            }
        });
    }

    /**
     * Takes the reservation from the counters and queues it in the writer.
     *
     * @return {@code TAKEN}; {@code COUNTERS_DOWN} when the counters could not be used (nothing was taken: judge
     *         against the database); {@code NEEDS_DATABASE} when a counter must be seeded while the database is
     *         known to be unreachable (nothing was taken)
     * @throws QuotaException when the quota is short (nothing stays taken)
     * @throws RuntimeException when the database failed while seeding (nothing stays taken)
     */
    Outcome reserve(Reservation r) {
        if (!usable()) {
            return Outcome.COUNTERS_DOWN;
        }
        Seed userSeed = null;
        Seed tokenSeed = null;
        for (int round = 1; ; round++) {
            boolean lastRound = round >= SEED_ROUNDS;
            Kind missing;
            if (lastRound) {
                slowHolds.incrementAndGet(stripeIndex(r.userId()));
            }
            try {
                synchronized (stripe(r.userId())) {
                    try {
                        missing = takeBoth(r, userSeed, tokenSeed, lastRound);
                    } catch (CountersUnavailableException e) {
                        markDown(e);
                        return Outcome.COUNTERS_DOWN;
                    }
                    if (missing == null) {
                        return Outcome.TAKEN;
                    }
                }
            } finally {
                if (lastRound) {
                    slowHolds.decrementAndGet(stripeIndex(r.userId()));
                }
            }
            if (databaseDown.getAsBoolean()) {
                return Outcome.NEEDS_DATABASE;
            }
            // Read outside the stripe: a database read must never hold up the event loops' reservations and
            // settlements of this user, which take the stripe too.
            long edits = forgetCount.get();
            if (missing == Kind.USER) {
                userSeed = new Seed(writer.storedBalance(() -> userQuota(r.userId())), edits);
            } else {
                tokenSeed = new Seed(writer.storedBalance(() -> tokenRemain(r.tokenId())), edits);
            }
        }
    }

    /**
     * Under the stripe: takes from the user's and the token's counters, seeding a missing one from its stored
     * balance when no delta flush ran since it was read (on the last round, from a read made here, blocking).
     *
     * @return null when taken (and queued in the writer); else the kind of counter still to be seeded (nothing taken)
     * @throws QuotaException when the quota is short (nothing stays taken)
     */
    private Kind takeBoth(Reservation r, Seed userSeed, Seed tokenSeed, boolean lastRound) {
        long amount = r.amount();
        Take user = takeOrSeed(Kind.USER, r.userId(), amount, userSeed, lastRound, () -> userQuota(r.userId()));
        if (user == Take.UNSEEDED) {
            return Kind.USER;
        }
        if (user == Take.SHORT) {
            throw QuotaException.userQuotaNotEnough();
        }
        if (r.limitsToken() && amount > 0) {
            Take token;
            try {
                token = takeOrSeed(Kind.TOKEN, r.tokenId(), amount, tokenSeed, lastRound,
                        () -> tokenRemain(r.tokenId()));
            } catch (RuntimeException e) {
                counters.add(Kind.USER, r.userId(), amount);
                throw e;
            }
            if (token != Take.TAKEN) {
                counters.add(Kind.USER, r.userId(), amount);
                if (token == Take.UNSEEDED) {
                    return Kind.TOKEN;
                }
                throw QuotaException.tokenQuotaNotEnough();
            }
        }
        writer.addUserQuota(r.userId(), -amount);
        if (r.limitsToken() && amount > 0) {
            writer.addTokenQuota(r.tokenId(), -amount, amount);
        }
        return null;
    }

    /** Whether {@link #reserveIfWarm} can succeed at all: counters in memory, writer only summing. */
    boolean canReserveWithoutBlocking() {
        return counters.inMemory() && writer.queuesUpdates();
    }

    /**
     * {@link #reserve} without any blocking step, for event loops: only from counters already seeded, only when
     * they are in memory and the writer only sums.
     *
     * @return true when taken; false when a blocking step is needed (nothing was taken)
     * @throws QuotaException when the quota is short (nothing stays taken)
     */
    boolean reserveIfWarm(Reservation r) {
        if (!canReserveWithoutBlocking() || stale || System.nanoTime() - downUntil < 0) {
            return false;
        }
        if (busy(r.userId())) {
            return false; // a seed may hold the stripe across a database read: not on an event loop
        }
        long amount = r.amount();
        synchronized (stripe(r.userId())) {
            Take user = counters.take(Kind.USER, r.userId(), amount);
            if (user == Take.UNSEEDED) {
                return false;
            }
            if (user == Take.SHORT) {
                throw QuotaException.userQuotaNotEnough();
            }
            if (r.limitsToken() && amount > 0) {
                Take token = counters.take(Kind.TOKEN, r.tokenId(), amount);
                if (token != Take.TAKEN) {
                    counters.add(Kind.USER, r.userId(), amount);
                    if (token == Take.UNSEEDED) {
                        return false;
                    }
                    throw QuotaException.tokenQuotaNotEnough();
                }
            }
            writer.addUserQuota(r.userId(), -amount);
            if (r.limitsToken() && amount > 0) {
                writer.addTokenQuota(r.tokenId(), -amount, amount);
            }
            return true;
        }
    }

    /** Moves quota (settlement, refund) in the writer and in the counters alike. */
    void adjust(Reservation r, long userDelta, long tokenRemainDelta, long tokenUsedDelta, boolean tokenRow) {
        synchronized (stripe(r.userId())) {
            writer.addUserQuota(r.userId(), userDelta);
            if (tokenRow) {
                writer.addTokenQuota(r.tokenId(), tokenRemainDelta, tokenUsedDelta);
            }
            if (!usable()) {
                stale = true;
                return;
            }
            try {
                counters.add(Kind.USER, r.userId(), userDelta);
                if (r.limitsToken() && tokenRemainDelta != 0) {
                    counters.add(Kind.TOKEN, r.tokenId(), tokenRemainDelta);
                }
            } catch (CountersUnavailableException e) {
                markDown(e);
            }
        }
    }

    /** The reservation's quota moved outside the counters (held offline): seed its counters again later. */
    void forget(Reservation r) {
        synchronized (stripe(r.userId())) {
            try {
                counters.forget(Kind.USER, r.userId());
                if (r.limitsToken()) {
                    counters.forget(Kind.TOKEN, r.tokenId());
                }
            } catch (CountersUnavailableException e) {
                markDown(e);
            }
        }
    }

    String describe() {
        return counters.describe();
    }

    /**
     * Takes from a counter, seeding it first when missing and {@code seed} is still valid (or, when {@code blocking},
     * from a database read made now); {@code UNSEEDED} when it still needs a seed.
     */
    private Take takeOrSeed(Kind kind, int id, long amount, Seed seed, boolean blocking, LongSupplier stored) {
        Take take = counters.take(kind, id, amount);
        if (take != Take.UNSEEDED) {
            return take;
        }
        long edits = forgetCount.get();
        OptionalLong balance = seed == null || seed.edits() != edits ? OptionalLong.empty()
                : writer.balanceIfUnflushed(kind, id, seed.stored());
        if (balance.isEmpty() && blocking) {
            balance = OptionalLong.of(writer.balanceWithPending(kind, id, stored));
        }
        if (balance.isEmpty()) {
            return Take.UNSEEDED;
        }
        counters.seed(kind, id, balance.getAsLong());
        take = counters.take(kind, id, amount);
        if (take == Take.UNSEEDED) {
            throw new CountersUnavailableException("quota counter vanished right after its seed", null);
        }
        if (forgetCount.get() != edits) {
            // An edit outside the relay was signalled while this seed was in flight: its drop may have run before
            // the seed landed, so the counter is dropped again. A reservation taken stands (it was judged on a
            // balance valid when read); a refusal is not trusted (the edit may be a top-up): seed again.
            counters.forget(kind, id);
            if (take == Take.SHORT) {
                return Take.UNSEEDED;
            }
        }
        return take;
    }

    private long userQuota(int userId) {
        return users.findById(userId).map(u -> u.quota()).orElse(-1L); // unknown user: negative, always short
    }

    private long tokenRemain(int tokenId) {
        return tokens.findById(tokenId).map(t -> t.remainQuota()).orElse(-1L);
    }

    private void forgetAll(Kind kind) {
        forgetCount.incrementAndGet();
        try {
            counters.forgetAll(kind);
        } catch (CountersUnavailableException e) {
            stale = true; // dropped once the counters answer again
            markDown(e);
        }
    }

    /** False while the counters are known to be away; drops them all first when they missed changes. */
    private boolean usable() {
        if (System.nanoTime() - downUntil < 0) {
            return false;
        }
        if (stale) {
            try {
                counters.forgetAll(Kind.USER);
                counters.forgetAll(Kind.TOKEN);
                stale = false;
                if (loggedDown) {
                    loggedDown = false;
                    log.info("quota counters ({}) answer again: reservations use them again", counters.describe());
                }
            } catch (CountersUnavailableException e) {
                markDown(e);
                return false;
            }
        }
        return true;
    }

    private void markDown(CountersUnavailableException e) {
        stale = true;
        downUntil = System.nanoTime() + retryNanos;
        if (!loggedDown) {
            loggedDown = true;
            log.warn("quota counters ({}) unavailable, reserving against the database until they answer: {}",
                    counters.describe(), e.getMessage());
        }
    }

    /** Whether the user's stripe may be held across a database read now: settle off the event loop then. */
    boolean busy(int userId) {
        return slowHolds.get(stripeIndex(userId)) > 0;
    }

    private Object stripe(int userId) {
        return stripes[stripeIndex(userId)];
    }

    private static int stripeIndex(int userId) {
        return Math.floorMod(userId, STRIPES);
    }
}
