package io.oneapi.storage;

import java.util.List;
import java.util.Optional;

/** The {@code redemptions} table. Blocking JDBC. */
public interface RedemptionStore {
    Optional<Redemption> findById(int id);

    List<Redemption> list(int offset, int pageSize);

    List<Redemption> search(String keyword);

    /** Inserts all codes in one transaction; returns their ids. */
    List<Integer> insertAll(List<Redemption> codes);

    void update(Redemption redemption);

    void delete(int id);

    /**
     * Redeems {@code key} for {@code userId} exactly once, even under concurrent calls: the code flips from
     * enabled to used with a conditional update and the user's quota grows in the same transaction.
     * @return the quota credited
     * @throws RedemptionException when the key is unknown, disabled or already used
     */
    long redeem(String key, int userId, long now);

    /** Why a redemption was refused. */
    final class RedemptionException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public RedemptionException(String message) {
            super(message);
        }
    }
}
