package io.oneapi.spi;

/** Why an upstream attempt failed; the core derives retry and automatic disable from it. */
public enum ErrorKind {
    RATE_LIMITED,
    AUTH_FAILED,
    QUOTA_EXHAUSTED,
    CONTEXT_TOO_LONG,
    BAD_REQUEST,
    UNAVAILABLE,
    UNKNOWN
}
