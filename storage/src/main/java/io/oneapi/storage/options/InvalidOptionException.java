package io.oneapi.storage.options;

/**
 * An option value (or key) was refused. The message is English, names the key and says what was expected,
 * e.g. {@code RetryTimes: abc (expected: a non-negative integer)}; it never repeats a secret value.
 */
public final class InvalidOptionException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public InvalidOptionException(String message) {
        super(message);
    }
}
