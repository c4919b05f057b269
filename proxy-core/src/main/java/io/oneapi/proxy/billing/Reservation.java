package io.oneapi.proxy.billing;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Quota taken from a user (and a limited token) before an upstream call. It ends exactly once, by
 * {@link QuotaLedger#settle} or {@link QuotaLedger#refund}; later calls are ignored and logged.
 */
public final class Reservation {
    private final int userId;
    private final int tokenId;
    private final boolean tokenUnlimited;
    private final long amount;
    private final AtomicBoolean ended = new AtomicBoolean();

    Reservation(int userId, int tokenId, boolean tokenUnlimited, long amount) {
        this.userId = userId;
        this.tokenId = tokenId;
        this.tokenUnlimited = tokenUnlimited;
        this.amount = amount;
    }

    public int userId() {
        return userId;
    }

    public int tokenId() {
        return tokenId;
    }

    public boolean tokenUnlimited() {
        return tokenUnlimited;
    }

    /** The quota held (taken from the user and, for a limited token, from the token). */
    public long amount() {
        return amount;
    }

    public boolean ended() {
        return ended.get();
    }

    /** True for the one caller allowed to end this reservation. */
    boolean end() {
        return ended.compareAndSet(false, true);
    }

    boolean limitsToken() {
        return !tokenUnlimited && tokenId > 0;
    }

    @Override
    public String toString() {
        return "Reservation[user=" + userId + ", token=" + tokenId + ", amount=" + amount + ", ended=" + ended.get()
                + "]";
    }
}
