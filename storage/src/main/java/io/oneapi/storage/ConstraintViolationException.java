package io.oneapi.storage;

/**
 * A write broke a unique, primary-key or not-null constraint (a taken username, a duplicate token key). The
 * message names the engine's SQLState but not the offending value: drivers quote values, which may be keys.
 */
public final class ConstraintViolationException extends StorageException {
    private static final long serialVersionUID = 1L;

    public ConstraintViolationException(String message) {
        super(message);
    }
}
