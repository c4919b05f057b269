package io.oneapi.storage.billing;

/**
 * Admission counters for quota: the balance of each user and limited token, held where a reservation can be judged
 * without a database round trip (this JVM's memory, or Redis shared by every node). The database stays the record:
 * every change a counter sees also goes to the {@link BillingWriter}; a counter is only ever a copy seeded from
 * the database plus the writer's pending deltas, and may be dropped at any time (it is then seeded again).
 *
 * <p>Implementations may throw {@link CountersUnavailableException}; callers then judge against the database.
 */
public interface QuotaCounters {
    /** Which balance: {@code users.quota} or {@code tokens.remain_quota}. */
    enum Kind { USER, TOKEN }

    /** What {@link #take} did. */
    enum Take { TAKEN, SHORT, UNSEEDED }

    /**
     * Takes {@code amount} when the balance is at least {@code amount} and not negative (a zero amount still refuses
     * a negative balance), atomically.
     */
    Take take(Kind kind, int id, long amount);

    /** Sets the balance unless a counter exists already (another thread or node seeded it first). */
    void seed(Kind kind, int id, long balance);

    /** Adds {@code delta} to an existing counter; a missing one stays missing (its seed will include the delta). */
    void add(Kind kind, int id, long delta);

    /** Drops one counter, which is seeded again from the database on next use. */
    void forget(Kind kind, int id);

    /** Drops every counter of a kind (an edit outside the relay changed balances). */
    void forgetAll(Kind kind);

    /** True when every call is a memory operation in this JVM (never blocks), so event loops may use them. */
    default boolean inMemory() {
        return false;
    }

    /** Where the counters live, for the start-up log line. */
    String describe();

    /** The counters could not be reached; nothing was changed that the caller must undo. */
    final class CountersUnavailableException extends RuntimeException {
        public CountersUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
