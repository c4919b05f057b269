package io.oneapi.proxy.credential;

import io.oneapi.proxy.client.OpenAiError;
import io.oneapi.spi.ErrorKind;
import java.util.concurrent.CompletionException;

/**
 * Why no token could be obtained for a provider channel. The kind drives retry and automatic disable like an
 * upstream error: a token endpoint that refuses the channel's secret is {@link ErrorKind#AUTH_FAILED}, an
 * unreachable or failing one {@link ErrorKind#UNAVAILABLE}. The client-facing status is never 400 or 401,
 * because the client's request and key are fine: another channel may serve it.
 */
public final class CredentialFailure extends RuntimeException {
    private final ErrorKind kind;
    private final int status;
    private final String code;

    CredentialFailure(ErrorKind kind, int status, String code, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.status = status;
        this.code = code;
    }

    static CredentialFailure refused(String message) {
        return new CredentialFailure(ErrorKind.AUTH_FAILED, 502, "credential_refused", message);
    }

    static CredentialFailure unavailable(String message) {
        return new CredentialFailure(ErrorKind.UNAVAILABLE, 502, "credential_unavailable", message);
    }

    /** A token endpoint's non-2xx answer. */
    static CredentialFailure forStatus(int status, String detail) {
        String message = "The token endpoint answered " + status + (detail.isEmpty() ? "" : ": " + detail);
        if (status == 429) {
            return new CredentialFailure(ErrorKind.RATE_LIMITED, 429, "credential_rate_limited", message);
        }
        return status >= 400 && status < 500 ? refused(message) : unavailable(message);
    }

    static CredentialFailure unwrap(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof CredentialFailure credential ? credential
                : unavailable("Obtaining the channel's access token failed: " + cause.getClass().getSimpleName());
    }

    public ErrorKind kind() {
        return kind;
    }

    /** The error the client sees if no other channel serves the request. */
    public OpenAiError error() {
        return OpenAiError.gateway(status, code, getMessage());
    }
}
