package io.oneapi.storage.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oneapi.storage.billing.QuotaCounters.Kind;
import io.oneapi.storage.billing.QuotaCounters.Take;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MemoryQuotaCountersTest {
    private final AtomicLong now = new AtomicLong();
    private final MemoryQuotaCounters counters = new MemoryQuotaCounters(Duration.ofSeconds(60), now::get);

    @Test
    void takesWhatTheBalanceCoversAndRefusesNegativeBalances() {
        assertEquals(Take.UNSEEDED, counters.take(Kind.USER, 1, 5));
        counters.seed(Kind.USER, 1, 50);
        counters.seed(Kind.USER, 1, 999);
        assertEquals(Take.TAKEN, counters.take(Kind.USER, 1, 50));
        assertEquals(Take.SHORT, counters.take(Kind.USER, 1, 1));
        counters.add(Kind.USER, 1, -3);
        assertEquals(Take.SHORT, counters.take(Kind.USER, 1, 0));
        counters.add(Kind.USER, 1, 10);
        assertEquals(Take.TAKEN, counters.take(Kind.USER, 1, 7));
        counters.add(Kind.TOKEN, 1, 10);
        assertEquals(Take.UNSEEDED, counters.take(Kind.TOKEN, 1, 1), "add never creates a counter");
    }

    @Test
    void oldCountersAreSeededAgain() {
        counters.seed(Kind.TOKEN, 2, 100);
        now.addAndGet(Duration.ofSeconds(60).toNanos());
        assertEquals(Take.TAKEN, counters.take(Kind.TOKEN, 2, 1));
        now.addAndGet(1);
        assertEquals(Take.UNSEEDED, counters.take(Kind.TOKEN, 2, 1));
    }

    @Test
    void forgetDropsOneOrAll() {
        counters.seed(Kind.USER, 1, 1);
        counters.seed(Kind.USER, 2, 1);
        counters.seed(Kind.TOKEN, 1, 1);
        counters.forget(Kind.USER, 1);
        assertEquals(Take.UNSEEDED, counters.take(Kind.USER, 1, 1));
        counters.forgetAll(Kind.USER);
        assertEquals(Take.UNSEEDED, counters.take(Kind.USER, 2, 1));
        assertEquals(Take.TAKEN, counters.take(Kind.TOKEN, 1, 1));
    }
}
