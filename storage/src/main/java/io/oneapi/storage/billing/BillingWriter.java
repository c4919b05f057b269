package io.oneapi.storage.billing;

import io.oneapi.storage.ChannelStore;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.TokenStore;
import io.oneapi.storage.UserStore;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place billing writes go: quota deltas (user quota, token remain/used quota, user used quota and request
 * count, channel used quota) and consume logs. Quota <em>reservations</em> come here only when they were
 * judged against {@link QuotaCounters}; otherwise they are atomic statements made directly on the stores.
 *
 * <p>Consume logs are always queued and inserted in batches by a single writer thread. Deltas are summed per id and
 * written by the same thread when {@link BillingSettings#batchUpdates()} is on, otherwise written at once on the
 * caller's thread (a billing executor thread, never an event loop); a failed immediate write is queued and retried.
 * Failed flushes keep their data and retry with backoff. {@link #close()} drains everything.
 */
public final class BillingWriter implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BillingWriter.class);
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final UserStore users;
    private final TokenStore tokens;
    private final ChannelStore channels;
    private final LogStore logs;
    private final BillingSettings settings;
    private final Clock clock;
    private final PendingDeltas deltas = new PendingDeltas();
    private final PendingLogs pendingLogs;
    private final AtomicLong droppedLogs = new AtomicLong();
    /**
     * Serialises delta flushes (the writer thread's and explicit {@link #flush()} calls) and the stored-balance
     * reads of {@link #storedBalance}: a balance read never sees a delta both in the database and pending.
     */
    private final ReentrantLock deltaLock = new ReentrantLock();
    /** Serialises log inserts; separate so a long log flush never delays a balance read. */
    private final ReentrantLock logLock = new ReentrantLock();
    /**
     * Counts delta flushes, seqlock style: odd while one moves deltas from pending to the database. A balance read
     * earlier is still valid as long as this has not moved.
     */
    private volatile long deltaGeneration;
    private final ReentrantLock wakeLock = new ReentrantLock();
    private final Condition wake = wakeLock.newCondition();
    private final Thread writer;
    private final BooleanSupplier databaseDown;
    private volatile boolean closing;
    private volatile boolean closed;

    public BillingWriter(UserStore users, TokenStore tokens, ChannelStore channels, LogStore logs,
                         BillingSettings settings, Clock clock) {
        this(users, tokens, channels, logs, settings, clock, () -> false);
    }

    /**
     * @param databaseDown while true, writes that would be made at once on the caller's thread are queued for the
     *        writer thread instead, so callers never wait for an unreachable database (see {@link #wake()})
     */
    public BillingWriter(UserStore users, TokenStore tokens, ChannelStore channels, LogStore logs,
                         BillingSettings settings, Clock clock, BooleanSupplier databaseDown) {
        this.databaseDown = databaseDown;
        this.users = users;
        this.tokens = tokens;
        this.channels = channels;
        this.logs = logs;
        this.settings = settings;
        this.clock = clock;
        this.pendingLogs = new PendingLogs(settings.maxPendingLogs());
        this.writer = new Thread(this::runWriter, "billing-writer");
        writer.setDaemon(true); // never holds the JVM open; the shutdown path calls close() to drain
        writer.start();
    }

    /** Adds {@code delta} (negative = charge) to the user's quota. */
    public void addUserQuota(int userId, long delta) {
        if (delta == 0) {
            return;
        }
        if (batching()) {
            deltas.addUserQuota(userId, delta);
            flushIfClosedMeanwhile();
        } else {
            writeNow(() -> users.addQuota(userId, delta), () -> deltas.addUserQuota(userId, delta));
        }
    }

    /** Adds to the token's {@code remain_quota} and {@code used_quota} and touches {@code accessed_time}. */
    public void addTokenQuota(int tokenId, long remainDelta, long usedDelta) {
        if (batching()) {
            deltas.addTokenQuota(tokenId, remainDelta, usedDelta);
            flushIfClosedMeanwhile();
        } else {
            writeNow(() -> tokens.adjustQuota(tokenId, remainDelta, usedDelta, nowSeconds()),
                    () -> deltas.addTokenQuota(tokenId, remainDelta, usedDelta));
        }
    }

    /** Adds to the user's {@code used_quota} and {@code request_count}. */
    public void addUserUsage(int userId, long usedQuota, int requests) {
        if (batching()) {
            deltas.addUserUsage(userId, usedQuota, requests);
            flushIfClosedMeanwhile();
        } else {
            writeNow(() -> users.addUsage(userId, usedQuota, requests),
                    () -> deltas.addUserUsage(userId, usedQuota, requests));
        }
    }

    public void addChannelUsedQuota(int channelId, long quota) {
        if (quota == 0) {
            return;
        }
        if (batching()) {
            deltas.addChannelUsed(channelId, quota);
            flushIfClosedMeanwhile();
        } else {
            writeNow(() -> channels.addUsedQuota(channelId, quota), () -> deltas.addChannelUsed(channelId, quota));
        }
    }

    /** Queues a consume (or any) log row; it is inserted within {@link BillingSettings#logInterval()}. */
    public void recordLog(LogEntry entry) {
        if (closed) {
            writeNow(() -> logs.insert(entry), () -> reportLost(entry));
            return;
        }
        if (!pendingLogs.offer(entry)) {
            reportLost(entry);
            return;
        }
        flushIfClosedMeanwhile();
        if (pendingLogs.size() >= settings.logBatchSize()) {
            signalWriter();
        }
    }

    /** Writes everything pending now, on the calling thread; throws if the database refuses (data is kept). */
    public void flush() {
        if (!flushOnce()) {
            throw new IllegalStateException("billing flush failed; pending data kept for the next attempt");
        }
    }

    /** Makes the writer thread try its pending writes now rather than after its back-off (the database is back). */
    public void wake() {
        signalWriter();
    }

    /**
     * A balance as it will be once everything queued here is written: {@code stored} (read now from the database)
     * plus the pending delta, read with delta flushes held off. Callers must keep their own writes for this id out
     * meanwhile. Blocking; prefer {@link #storedBalance} and {@link #balanceIfUnflushed}, which need no lock of the
     * caller's while the database is read.
     */
    public long balanceWithPending(QuotaCounters.Kind kind, int id, LongSupplier stored) {
        deltaLock.lock();
        try {
            return stored.getAsLong() + pending(kind, id);
        } finally {
            deltaLock.unlock();
        }
    }

    /**
     * Users' quota as it will be once everything queued here is written: {@code stored} (one read of the database for
     * all {@code ids}) plus each pending delta, read with delta flushes held off. Ids {@code stored} does not return
     * are left out. Blocking.
     */
    public Map<Integer, Long> userBalancesWithPending(Collection<Integer> ids,
                                                      Function<Collection<Integer>, Map<Integer, Long>> stored) {
        deltaLock.lock();
        try {
            Map<Integer, Long> balances = new HashMap<>(stored.apply(ids));
            balances.replaceAll((id, value) -> value + deltas.pendingUserQuota(id));
            return balances;
        } finally {
            deltaLock.unlock();
        }
    }

    /** A quota column as stored in the database, read at a known delta-flush generation. */
    public record StoredBalance(long value, long generation) {
    }

    /**
     * Reads a stored quota column between delta flushes (blocking: JDBC; it waits for a running delta flush, never
     * for a log flush). Complete it with {@link #balanceIfUnflushed}, which can then run under the caller's own
     * short lock.
     *
     * @param stored reads the row's current value
     */
    public StoredBalance storedBalance(LongSupplier stored) {
        deltaLock.lock();
        try {
            return new StoredBalance(stored.getAsLong(), deltaGeneration);
        } finally {
            deltaLock.unlock();
        }
    }

    /**
     * The balance as it will be once everything queued here is written: the stored value plus the pending delta,
     * or empty when a delta flush ran (or is running) since {@code stored} was read; read it again then. Never
     * blocks. Callers keep their own writes for this id out meanwhile (they seed quota counters with it, see
     * {@link QuotaCounters}).
     */
    public OptionalLong balanceIfUnflushed(QuotaCounters.Kind kind, int id, StoredBalance stored) {
        long generation = deltaGeneration;
        if (generation != stored.generation()) {
            return OptionalLong.empty();
        }
        long pending = pending(kind, id);
        // A flush that drained the pending deltas after the check above has moved the generation by now.
        return deltaGeneration == generation ? OptionalLong.of(stored.value() + pending) : OptionalLong.empty();
    }

    private long pending(QuotaCounters.Kind kind, int id) {
        return kind == QuotaCounters.Kind.USER ? deltas.pendingUserQuota(id) : deltas.pendingTokenRemain(id);
    }

    /** True while quota and usage changes are only summed in memory (batch updates on, not closed): never blocks. */
    public boolean queuesUpdates() {
        return batching();
    }

    /** Logs waiting to be inserted (for metrics and tests). */
    public int pendingLogCount() {
        return pendingLogs.size();
    }

    /** Logs lost because the memory cap was reached. */
    public long droppedLogCount() {
        return droppedLogs.get();
    }

    /** Stops the writer thread after it has written everything (retrying up to the drain timeout). */
    @Override
    public synchronized void close() {
        if (closing) {
            return;
        }
        closing = true;
        signalWriter();
        try {
            writer.join(settings.drainTimeout().toMillis() + 5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        // Anything that arrived while draining, or that the writer could not write in time.
        if (!flushOnce()) {
            log.error("billing writer closed with unwritten data: {} logs, deltas pending={}", pendingLogs.size(),
                    !deltas.isEmpty());
        }
    }

    private boolean batching() {
        return settings.batchUpdates() && !closed;
    }

    /**
     * Closes the race with {@link #close()}: data queued after its final flush is written by the caller. Either the
     * final flush saw our entry, or we see {@code closed} here (volatile write before that flush).
     */
    private void flushIfClosedMeanwhile() {
        if (closed && !flushOnce()) {
            log.error("billing data queued during shutdown could not be written");
        }
    }

    private void writeNow(Runnable write, Runnable onFailure) {
        if (databaseDown.getAsBoolean() && !closed) {
            onFailure.run(); // the writer thread retries; its failures are logged there
            return;
        }
        try {
            write.run();
        } catch (RuntimeException e) {
            log.warn("billing write failed, queued for retry: {}", e.toString());
            onFailure.run();
            signalWriter();
        }
    }

    private void runWriter() {
        long backoffMillis = 0;
        long nextDeltaFlush = System.nanoTime() + settings.batchInterval().toNanos();
        while (!closing) {
            if (backoffMillis > 0) {
                awaitWork(TimeUnit.MILLISECONDS.toNanos(backoffMillis), false);
            } else {
                long untilDeltas = Math.max(0, nextDeltaFlush - System.nanoTime());
                awaitWork(Math.min(settings.logInterval().toNanos(), untilDeltas), true);
            }
            if (closing) {
                break;
            }
            // Without batching, deltas only wait here after a failed immediate write: retry them every round.
            boolean deltasDue = !settings.batchUpdates() || System.nanoTime() >= nextDeltaFlush;
            boolean ok;
            try {
                ok = deltasDue ? flushOnce() : flushLogsOnly();
            } catch (RuntimeException e) {
                log.error("billing writer round failed", e);
                ok = false;
            }
            if (deltasDue) {
                nextDeltaFlush = System.nanoTime() + settings.batchInterval().toNanos();
            }
            backoffMillis = ok ? 0 : Math.min(MAX_BACKOFF_MILLIS, Math.max(100, backoffMillis * 2));
        }
        drain();
    }

    /** Final flushes on close: retry until empty or the drain timeout. */
    private void drain() {
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        long backoffMillis = 50;
        while (!flushOnce()) {
            if (System.nanoTime() > deadline) {
                return;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(backoffMillis)); // plain backoff, nothing to wait for
            backoffMillis = Math.min(2_000, backoffMillis * 2);
        }
    }

    /** Sleeps up to {@code nanos}, woken by close, a full log batch or a failed immediate write. */
    private void awaitWork(long nanos, boolean wakeForFullBatch) {
        wakeLock.lock();
        try {
            boolean batchReady = wakeForFullBatch && pendingLogs.size() >= settings.logBatchSize();
            if (nanos > 0 && !closing && !batchReady) {
                wake.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closing = true;
        } finally {
            wakeLock.unlock();
        }
    }

    private void signalWriter() {
        wakeLock.lock();
        try {
            wake.signalAll();
        } finally {
            wakeLock.unlock();
        }
    }

    /** Writes all deltas and all logs; true when nothing failed. */
    private boolean flushOnce() {
        return flushDeltas() & flushLogsOnly();
    }

    private boolean flushLogsOnly() {
        logLock.lock();
        try {
            return flushLogs();
        } finally {
            logLock.unlock();
        }
    }

    private boolean flushDeltas() {
        deltaLock.lock();
        try {
            if (deltas.isEmpty()) {
                return true;
            }
            deltaGeneration++; // odd: pending deltas are on their way to the database
            try {
                PendingDeltas.Batch batch = deltas.drain();
                try {
                    batch.applyTo(users, tokens, channels, nowSeconds());
                    return true;
                } catch (RuntimeException e) {
                    log.warn("billing delta flush failed ({} entries kept for retry): {}", batch.size(), e.toString());
                    deltas.restore(batch);
                    return false;
                }
            } finally {
                deltaGeneration++;
            }
        } finally {
            deltaLock.unlock();
        }
    }

    /** Inserts the queued logs, batch by batch; only the batches queued when it starts, so it always ends. */
    private boolean flushLogs() {
        for (int left = pendingLogs.size(); left > 0 && pendingLogs.size() > 0; left -= settings.logBatchSize()) {
            List<LogEntry> batch = pendingLogs.take(settings.logBatchSize());
            try {
                logs.insertAll(batch);
            } catch (RuntimeException e) {
                log.warn("consume log flush failed ({} rows kept for retry): {}", batch.size(), e.toString());
                pendingLogs.putBack(batch);
                return false;
            }
        }
        return true;
    }

    private void reportLost(LogEntry entry) {
        long dropped = droppedLogs.incrementAndGet();
        // Loud, and with what is needed to reconcile by hand; rate-limited so an outage does not flood the log.
        if (dropped == 1 || dropped % 1_000 == 0) {
            log.error("BILLING LOG LOST ({} so far): pending log cap {} reached or database unavailable; "
                    + "user={} channel={} model={} quota={} request={}", dropped, settings.maxPendingLogs(),
                    entry.userId(), entry.channelId(), entry.modelName(), entry.quota(), entry.requestId());
        }
    }

    private long nowSeconds() {
        return clock.instant().getEpochSecond();
    }
}
