package io.oneapi.spi;

import java.util.Objects;

/** One HTTP header. */
public record Header(String name, String value) {
    public Header {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
    }
}
