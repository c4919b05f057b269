package io.oneapi.plugin.assorted.common;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.Usage;

/** A successful status whose body is not the answer the exchange expected. */
public final class UnexpectedReplies {
    private UnexpectedReplies() {
    }

    /**
     * The upstream body handed back for the core to report as a failure: 500 for a JSON body (the
     * provider's error object, which the core's message extraction reads), 502 for anything else.
     */
    public static TranslatedBody failure(JsonNode reply, byte[] body) {
        return new TranslatedBody(reply.isObject() ? 500 : 502, body, Usage.NONE);
    }
}
