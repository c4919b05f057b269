package io.oneapi.spi;

/** Read-only view of an upstream response's headers. */
@FunctionalInterface
public interface UpstreamHeaders {
    /** The first value of a header (case-insensitive name), or null. */
    String get(String name);

    UpstreamHeaders NONE = name -> null;
}
