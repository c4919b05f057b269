package io.oneapi.spi;

import java.util.Objects;

/**
 * A unary response after translation: the HTTP status and JSON body for the client, and the usage it
 * carried (or {@link Usage#NONE} when the core must count tokens itself).
 */
public record TranslatedBody(int status, byte[] body, Usage usage) {
    public TranslatedBody {
        Objects.requireNonNull(body, "body");
        usage = usage == null ? Usage.NONE : usage;
    }
}
