package io.oneapi.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void smallValuesAreExact() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 100; v++) {
            h.recordMicros(v);
        }
        assertEquals(50, h.percentileMicros(50));
        assertEquals(99, h.percentileMicros(99));
        assertEquals(100, h.percentileMicros(100));
        assertEquals(50.5, h.meanMicros(), 1e-9);
    }

    @Test
    void largeValuesWithinOneSixtyFourth() {
        LatencyHistogram h = new LatencyHistogram();
        for (int v = 1; v <= 1_000_000; v++) {
            h.recordMicros(v);
        }
        for (double p : new double[] {50, 90, 99, 99.9}) {
            double exact = p / 100 * 1_000_000;
            long reported = h.percentileMicros(p);
            assertTrue(reported >= exact && reported <= exact * (1 + 1.0 / 64), p + "th: " + reported);
        }
        assertEquals(1_000_000, h.maxMicros());
    }

    @Test
    void everyBucketBoundIsConsistentWithItsIndex() {
        for (long v = 0; v < 1L << 22; v += 7) {
            int index = LatencyHistogram.index(v);
            assertTrue(LatencyHistogram.highestIn(index) >= v, "value " + v);
            assertTrue(index == 0 || LatencyHistogram.highestIn(index - 1) < v, "value " + v);
        }
    }

    @Test
    void negativeAndHugeValuesAreClamped() {
        LatencyHistogram h = new LatencyHistogram();
        h.recordNanos(-5_000);
        h.recordMicros(Long.MAX_VALUE);
        assertEquals(2, h.count());
        assertEquals(0, h.percentileMicros(50));
        assertEquals((1L << 40) - 1, h.maxMicros());
    }

    @Test
    void emptyReportsZeroAndMergingAddsCounts() {
        LatencyHistogram a = new LatencyHistogram();
        assertEquals(0, a.percentileMicros(99));
        LatencyHistogram b = new LatencyHistogram();
        a.recordMicros(10);
        b.recordMicros(5_000);
        b.recordMicros(6_000);
        a.add(b);
        assertEquals(3, a.count());
        assertEquals(10, a.percentileMicros(33));
        assertEquals(6_000, a.maxMicros());
        assertTrue(a.percentileMicros(66) >= 5_000 && a.percentileMicros(66) < 5_100);
    }
}
