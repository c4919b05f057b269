package io.oneapi.spi;

/** How the core treats the upstream response of an exchange. */
public enum StreamMode {
    /**
     * The upstream speaks the OpenAI wire format: the core forwards bytes untouched and only reads
     * usage and text from them. {@link ProviderExchange#onEvent}, {@link ProviderExchange#translateBody}
     * and {@link ProviderExchange#usage()} are not called.
     */
    PASSTHROUGH,
    /** The exchange translates every event or body into the OpenAI format and reports usage. */
    TRANSLATE
}
