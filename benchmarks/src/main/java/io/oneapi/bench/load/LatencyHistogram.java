package io.oneapi.bench.load;

/**
 * A log-linear latency histogram in microseconds, in the manner of HdrHistogram: exact below 128 µs, then
 * 64 buckets per power of two, so any recorded value is known to within 1/64 (1.6 %). Fixed memory
 * (about 2,400 counters up to 2^40 µs), O(1) recording. Not thread-safe: give each thread its own and
 * {@link #add} them at the end.
 */
public final class LatencyHistogram {
    private static final int SUB_BITS = 7;
    private static final int SUB_COUNT = 1 << SUB_BITS; // 128 exact values
    private static final int HALF = SUB_COUNT / 2; // 64 buckets per further power of two
    private static final int MAX_EXPONENT = 40 - SUB_BITS + 1;

    private final long[] counts = new long[SUB_COUNT + MAX_EXPONENT * HALF];
    private long total;
    private long max;
    private long sum;

    /** Records one latency; negative values count as zero, huge ones are capped at about 12 days. */
    public void recordMicros(long micros) {
        long v = Math.max(0, Math.min(micros, (1L << 40) - 1));
        counts[index(v)]++;
        total++;
        sum += v;
        max = Math.max(max, v);
    }

    public void recordNanos(long nanos) {
        recordMicros(nanos / 1_000);
    }

    public void add(LatencyHistogram other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        total += other.total;
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    public long count() {
        return total;
    }

    public long maxMicros() {
        return max;
    }

    public double meanMicros() {
        return total == 0 ? 0 : (double) sum / total;
    }

    /**
     * The smallest value such that at least {@code percentile} % of recordings are at or below it (the top of
     * its bucket, never above the maximum recorded); 0 when empty.
     */
    public long percentileMicros(double percentile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(percentile / 100.0 * total));
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, highestIn(i));
            }
        }
        return max;
    }

    static int index(long v) {
        if (v < SUB_COUNT) {
            return (int) v;
        }
        int shift = 63 - Long.numberOfLeadingZeros(v) - (SUB_BITS - 1); // keeps the top 7 bits: 64..127
        int mantissa = (int) (v >>> shift);
        return SUB_COUNT + (shift - 1) * HALF + (mantissa - HALF);
    }

    static long highestIn(int index) {
        if (index < SUB_COUNT) {
            return index;
        }
        int shift = (index - SUB_COUNT) / HALF + 1;
        long mantissa = (index - SUB_COUNT) % HALF + HALF;
        return ((mantissa + 1) << shift) - 1;
    }
}
