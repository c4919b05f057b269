package io.oneapi.proxy.relay;

import io.oneapi.spi.ProviderAdapter;

/** Finds the loaded adapter for a channel type. */
public interface ProviderLookup {
    /** The adapter serving {@code channelType}, or null when no loaded plugin serves it. */
    ProviderAdapter adapterFor(int channelType);

    /** The type's default base URL, empty when the operator must configure one. */
    String defaultBaseUrl(int channelType);
}
