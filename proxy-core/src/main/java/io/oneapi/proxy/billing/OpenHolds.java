package io.oneapi.proxy.billing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reservations made and not yet settled or released, per user. A client has its whole answer before its request is
 * settled, so a client that sends the next request at once can find its quota still held by the previous one; a
 * reservation refused while the same user has open holds waits for one of them to end and tries again.
 */
final class OpenHolds {
    private final Map<Integer, Integer> perUser = new ConcurrentHashMap<>();
    private final Object ended = new Object();
    private long endings;
    private int waiters;

    void begin(int userId) {
        perUser.merge(userId, 1, Integer::sum);
    }

    void end(int userId) {
        perUser.computeIfPresent(userId, (id, n) -> n <= 1 ? null : n - 1);
        synchronized (ended) {
            endings++;
            if (waiters > 0) {
                ended.notifyAll();
            }
        }
    }

    boolean any(int userId) {
        return perUser.containsKey(userId);
    }

    /** A mark to pass to {@link #awaitEndAfter}, taken before the attempt that was refused. */
    long mark() {
        synchronized (ended) {
            return endings;
        }
    }

    /** Whether a hold (of any user) ended since {@code mark}. */
    boolean endedSince(long mark) {
        synchronized (ended) {
            return endings != mark;
        }
    }

    /**
     * Waits until a hold has ended since {@code mark} (of any user: cheap to re-check), or until {@code deadline}.
     *
     * @return true when one ended and the user still had or had open holds (worth trying again)
     */
    boolean awaitEndAfter(long mark, long deadlineNanos) throws InterruptedException {
        synchronized (ended) {
            waiters++;
            try {
                while (endings == mark) {
                    long left = deadlineNanos - System.nanoTime();
                    if (left <= 0) {
                        return false;
                    }
                    ended.wait(Math.max(1, left / 1_000_000));
                }
                return true;
            } finally {
                waiters--;
            }
        }
    }
}
