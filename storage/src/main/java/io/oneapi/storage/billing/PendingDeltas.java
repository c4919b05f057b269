package io.oneapi.storage.billing;

import io.oneapi.storage.ChannelStore;
import io.oneapi.storage.TokenStore;
import io.oneapi.storage.UserStore;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * Quota deltas summed per row id until the next flush. Memory is bounded by the number of distinct users, tokens
 * and channels, so deltas are never dropped. Sums are exact (long arithmetic), which is what keeps batching exact.
 */
final class PendingDeltas {
    private Map<Integer, Long> userQuota = new HashMap<>();
    private Map<Integer, long[]> tokenQuota = new HashMap<>(); // {remain delta, used delta}
    private Map<Integer, long[]> userUsage = new HashMap<>(); // {used quota, request count}
    private Map<Integer, Long> channelUsed = new HashMap<>();

    synchronized void addUserQuota(int userId, long delta) {
        userQuota.merge(userId, delta, Long::sum);
    }

    synchronized void addTokenQuota(int tokenId, long remainDelta, long usedDelta) {
        long[] sums = tokenQuota.computeIfAbsent(tokenId, id -> new long[2]);
        sums[0] += remainDelta;
        sums[1] += usedDelta;
    }

    synchronized void addUserUsage(int userId, long usedQuota, long requests) {
        long[] sums = userUsage.computeIfAbsent(userId, id -> new long[2]);
        sums[0] += usedQuota;
        sums[1] += requests;
    }

    synchronized void addChannelUsed(int channelId, long quota) {
        channelUsed.merge(channelId, quota, Long::sum);
    }

    /** The user quota delta not yet written. */
    synchronized long pendingUserQuota(int userId) {
        return userQuota.getOrDefault(userId, 0L);
    }

    /** The token remain-quota delta not yet written. */
    synchronized long pendingTokenRemain(int tokenId) {
        long[] sums = tokenQuota.get(tokenId);
        return sums == null ? 0 : sums[0];
    }

    synchronized boolean isEmpty() {
        return userQuota.isEmpty() && tokenQuota.isEmpty() && userUsage.isEmpty() && channelUsed.isEmpty();
    }

    /** Takes everything pending; callers add new deltas to fresh maps meanwhile. */
    synchronized Batch drain() {
        Batch batch = new Batch(userQuota, tokenQuota, userUsage, channelUsed);
        userQuota = new HashMap<>();
        tokenQuota = new HashMap<>();
        userUsage = new HashMap<>();
        channelUsed = new HashMap<>();
        return batch;
    }

    /** Puts back what a failed flush did not write, so the next flush retries it. */
    synchronized void restore(Batch rest) {
        rest.userQuota.forEach(this::addUserQuota);
        rest.tokenQuota.forEach((id, sums) -> addTokenQuota(id, sums[0], sums[1]));
        rest.userUsage.forEach((id, sums) -> addUserUsage(id, sums[0], sums[1]));
        rest.channelUsed.forEach(this::addChannelUsed);
    }

    /** One drained set of deltas. {@link #applyTo} removes each entry once written, so a failure leaves the rest. */
    record Batch(Map<Integer, Long> userQuota, Map<Integer, long[]> tokenQuota, Map<Integer, long[]> userUsage,
                 Map<Integer, Long> channelUsed) {

        boolean isEmpty() {
            return userQuota.isEmpty() && tokenQuota.isEmpty() && userUsage.isEmpty() && channelUsed.isEmpty();
        }

        int size() {
            return userQuota.size() + tokenQuota.size() + userUsage.size() + channelUsed.size();
        }

        /** Writes every entry; on the first failure stops and rethrows, keeping the unwritten entries. */
        void applyTo(UserStore users, TokenStore tokens, ChannelStore channels, long nowSeconds) {
            for (Iterator<Map.Entry<Integer, Long>> it = userQuota.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Integer, Long> e = it.next();
                if (e.getValue() != 0) {
                    users.addQuota(e.getKey(), e.getValue());
                }
                it.remove();
            }
            for (Iterator<Map.Entry<Integer, long[]>> it = tokenQuota.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Integer, long[]> e = it.next();
                tokens.adjustQuota(e.getKey(), e.getValue()[0], e.getValue()[1], nowSeconds);
                it.remove();
            }
            for (Iterator<Map.Entry<Integer, long[]>> it = userUsage.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Integer, long[]> e = it.next();
                users.addUsage(e.getKey(), e.getValue()[0], Math.toIntExact(e.getValue()[1]));
                it.remove();
            }
            for (Iterator<Map.Entry<Integer, Long>> it = channelUsed.entrySet().iterator(); it.hasNext(); ) {
                Map.Entry<Integer, Long> e = it.next();
                if (e.getValue() != 0) {
                    channels.addUsedQuota(e.getKey(), e.getValue());
                }
                it.remove();
            }
        }
    }
}
