package io.oneapi.storage;

/**
 * A storage failure the caller cannot fix by retrying the same call: the database is unreachable, the schema is
 * missing or incomplete, a DSN is malformed, or a statement failed. Messages are one line, name what failed and
 * never contain passwords.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
