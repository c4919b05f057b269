package io.oneapi.plugin.china.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.Usage;

/** How a provider writes its errors: reading one from a body, and what exchanges do with it. */
@FunctionalInterface
public interface ErrorFormat {

    /** The failure a body reports, or null when it holds none. */
    ProviderFailure read(JsonNode body);

    /** The message of an error body for the client, or null for the core's generic extraction. */
    default String message(byte[] body) {
        ProviderFailure failure = read(Json.read(body));
        return failure == null ? null : failure.message();
    }

    /**
     * The failure to hand back instead of translating a successful answer, or null when {@code reply} is a
     * usable answer: a reported error keeps the provider's body with the status of its kind; an answer
     * that is not {@code usable} (not JSON, not the expected shape) is a bad gateway.
     */
    default TranslatedBody refusal(JsonNode reply, byte[] body, boolean usable) {
        ProviderFailure failure = read(reply);
        if (failure != null) {
            return failure.asBody(body);
        }
        return usable ? null : new TranslatedBody(502, body, Usage.NONE);
    }
}
