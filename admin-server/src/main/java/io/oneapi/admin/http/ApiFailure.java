package io.oneapi.admin.http;

/**
 * A refusal a route reports to the client as {@code {success:false, message}} with HTTP 200 (One API's
 * convention), or with {@link #status()} where One API uses another code (400 on a bad option body).
 * Thrown from deep inside a route so validation code need not thread envelopes through.
 */
public class ApiFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    public ApiFailure(String message) {
        this(200, message);
    }

    public ApiFailure(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
