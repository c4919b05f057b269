package io.oneapi.spi;

/**
 * Optional ability of a {@link ProviderAdapter}: asking the provider how much credit a channel's key has
 * left (inventory section 3.6). The core performs the HTTP calls; the query only builds requests and reads
 * answers.
 */
@Experimental
public interface BalanceQueries {
    /** A new query for {@code channel}, or null when its channel type has no balance API. */
    BalanceQuery newBalanceQuery(ChannelInfo channel);
}
