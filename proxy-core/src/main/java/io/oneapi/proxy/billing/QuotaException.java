package io.oneapi.proxy.billing;

/**
 * A reservation was refused or failed. {@link #code()} and {@link #status()} are One API's:
 * {@code insufficient_user_quota} (403, "user quota is not enough"), {@code pre_consume_token_quota_failed}
 * (403, "token quota is not enough"), and 500 with {@code decrease_user_quota_failed} or
 * {@code pre_consume_token_quota_failed} when the database failed.
 */
public final class QuotaException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final int status;

    QuotaException(String code, int status, String message, Throwable cause) {
        super(message, cause, false, false);
        this.code = code;
        this.status = status;
    }

    static QuotaException userQuotaNotEnough() {
        return new QuotaException("insufficient_user_quota", 403, "user quota is not enough", null);
    }

    static QuotaException tokenQuotaNotEnough() {
        return new QuotaException("pre_consume_token_quota_failed", 403, "token quota is not enough", null);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }
}
