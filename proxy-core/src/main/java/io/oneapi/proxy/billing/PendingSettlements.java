package io.oneapi.proxy.billing;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Settlements handed to the settlement executor and not yet applied, per user. The client has its whole answer
 * before its request is settled, so a client that sends the next request at once can find its quota still held
 * by the previous one; a reservation refused for that user waits for these settlements and tries once more.
 */
final class PendingSettlements {
    private final Map<Integer, Integer> perUser = new ConcurrentHashMap<>();

    void begin(int userId) {
        perUser.merge(userId, 1, Integer::sum);
    }

    void end(int userId) {
        perUser.computeIfPresent(userId, (id, n) -> n <= 1 ? null : n - 1);
        synchronized (this) {
            notifyAll();
        }
    }

    boolean any(int userId) {
        return perUser.containsKey(userId);
    }

    /**
     * Waits up to {@code max} until none of the user's settlements is pending.
     *
     * @return true when some were pending and all have been applied since (worth trying again)
     */
    boolean awaitApplied(int userId, Duration max) throws InterruptedException {
        if (!perUser.containsKey(userId)) {
            return false;
        }
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (this) {
            while (perUser.containsKey(userId)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }
}
