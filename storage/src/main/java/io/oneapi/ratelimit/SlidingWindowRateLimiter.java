package io.oneapi.ratelimit;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * In-memory sliding window, One API's semantics: a key keeps the times of its last {@code max} accepted
 * requests; a request is accepted while fewer are stored or the oldest is at least a window old.
 * Refused requests are not recorded. Idle keys are swept every few thousand calls so memory stays bounded
 * by the addresses seen in the last window (a sweep racing a request may forget that one request).
 */
public final class SlidingWindowRateLimiter implements RateLimiter {
    private static final int SWEEP_EVERY = 4096;

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;
    private final AtomicLong calls = new AtomicLong();
    private volatile long longestWindowNanos;

    public SlidingWindowRateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public boolean allow(String key, int maxRequests, Duration window) {
        if (maxRequests <= 0) {
            return true;
        }
        long now = nanoClock.getAsLong();
        long windowNanos = window.toNanos();
        if (windowNanos > longestWindowNanos) {
            longestWindowNanos = windowNanos;
        }
        if (calls.incrementAndGet() % SWEEP_EVERY == 0) {
            sweep(now);
        }
        return windows.computeIfAbsent(key, k -> new Window()).tryAcquire(now, maxRequests, windowNanos);
    }

    private void sweep(long now) {
        long horizon = longestWindowNanos;
        for (Iterator<Window> it = windows.values().iterator(); it.hasNext(); ) {
            if (it.next().idleSince(now, horizon)) {
                it.remove();
            }
        }
    }

    int trackedKeys() {
        return windows.size();
    }

    private static final class Window {
        private final ArrayDeque<Long> accepted = new ArrayDeque<>();

        synchronized boolean tryAcquire(long now, int max, long windowNanos) {
            while (accepted.size() > max) {
                accepted.pollFirst(); // the limit was lowered since the last call
            }
            if (accepted.size() < max) {
                accepted.addLast(now);
                return true;
            }
            if (now - accepted.peekFirst() >= windowNanos) {
                accepted.pollFirst();
                accepted.addLast(now);
                return true;
            }
            return false;
        }

        synchronized boolean idleSince(long now, long horizon) {
            Long last = accepted.peekLast();
            return last == null || now - last >= horizon;
        }
    }
}
