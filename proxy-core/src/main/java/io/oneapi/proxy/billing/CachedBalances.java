package io.oneapi.proxy.billing;

import java.util.OptionalLong;

/**
 * The balances this node last read from the database (the relay's token and user caches), used to judge
 * reservations while the database is unreachable. Empty when the row was never read here.
 */
public interface CachedBalances {
    OptionalLong userQuota(int userId);

    OptionalLong tokenRemainQuota(int tokenId);
}
