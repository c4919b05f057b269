package io.oneapi.storage.billing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * {@link QuotaCounters} in this JVM's memory: exact for one node, which sees every change either through its own
 * billing or through the change signal. A counter lives at most {@code maxAge}, so without Redis the spending of
 * other nodes (and edits made on them) is taken into account at the next seed, as the other caches do
 * ({@code SYNC_FREQUENCY}).
 */
public final class MemoryQuotaCounters implements QuotaCounters {
    private static final class Counter {
        long balance;
        final long seededAt;

        Counter(long balance, long seededAt) {
            this.balance = balance;
            this.seededAt = seededAt;
        }
    }

    private final Map<Integer, Counter> users = new ConcurrentHashMap<>();
    private final Map<Integer, Counter> tokens = new ConcurrentHashMap<>();
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;

    public MemoryQuotaCounters(Duration maxAge) {
        this(maxAge, System::nanoTime);
    }

    MemoryQuotaCounters(Duration maxAge, LongSupplier nanoClock) {
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
    }

    @Override
    public Take take(Kind kind, int id, long amount) {
        Take[] result = {Take.UNSEEDED};
        map(kind).computeIfPresent(id, (key, counter) -> {
            if (nanoClock.getAsLong() - counter.seededAt > maxAgeNanos) {
                return null; // too old: seed again from the database
            }
            if (counter.balance < amount || counter.balance < 0) {
                result[0] = Take.SHORT;
            } else {
                counter.balance -= amount;
                result[0] = Take.TAKEN;
            }
            return counter;
        });
        return result[0];
    }

    @Override
    public void seed(Kind kind, int id, long balance) {
        map(kind).putIfAbsent(id, new Counter(balance, nanoClock.getAsLong()));
    }

    @Override
    public void add(Kind kind, int id, long delta) {
        map(kind).computeIfPresent(id, (key, counter) -> {
            counter.balance += delta;
            return counter;
        });
    }

    @Override
    public void forget(Kind kind, int id) {
        map(kind).remove(id);
    }

    @Override
    public void forgetAll(Kind kind) {
        map(kind).clear();
    }

    @Override
    public boolean inMemory() {
        return true;
    }

    @Override
    public String describe() {
        return "memory (this node)";
    }

    private Map<Integer, Counter> map(Kind kind) {
        return kind == Kind.USER ? users : tokens;
    }
}
