package io.oneapi.spi;

import java.util.Objects;

/** An image the core fetched for an adapter that must send images inline: its media type and bytes. */
public record InlineImage(String mediaType, byte[] data) {
    public InlineImage {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(data, "data");
    }
}
