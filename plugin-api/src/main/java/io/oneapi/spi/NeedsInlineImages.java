package io.oneapi.spi;

/**
 * Optional ability of a {@link ProviderAdapter} whose provider wants images inline (base64) rather than
 * as URLs. Before {@link ProviderExchange#translateRequest} the core fetches every {@code http(s)}
 * {@code image_url} of the chat request with its guarded fetcher (no private addresses, size and time
 * limits, off the event loop) and offers the results through {@link ClientRequest#inlineImage(String)}.
 */
@Experimental
public interface NeedsInlineImages {
    /** Whether this attempt needs the images fetched (e.g. only for vision-capable models). */
    default boolean needsInlineImages(ExchangeContext context) {
        return true;
    }
}
