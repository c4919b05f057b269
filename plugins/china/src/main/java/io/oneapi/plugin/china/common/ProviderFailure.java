package io.oneapi.plugin.china.common;

import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.Usage;

/**
 * A provider error read from a body, with the kind the adapter classified it as. Several of these providers
 * report failures inside a 200 answer; {@link #asBody} turns such an answer into the status the core then
 * treats as an upstream failure (retry, automatic disable, the client's error).
 *
 * @param code the provider's error code as text, empty when none
 */
public record ProviderFailure(ErrorKind kind, String code, String message) {

    /** The HTTP status a failure of this kind is reported with when the provider answered 200. */
    public int status() {
        return switch (kind) {
            case AUTH_FAILED -> 401;
            case RATE_LIMITED, QUOTA_EXHAUSTED -> 429;
            case BAD_REQUEST, CONTEXT_TOO_LONG -> 400;
            default -> 500;
        };
    }

    /** The provider's body handed back with {@link #status()}, for the core to report and classify. */
    public TranslatedBody asBody(byte[] providerBody) {
        return new TranslatedBody(status(), providerBody, Usage.NONE);
    }

    /** The in-stream error chunk for this failure. */
    public byte[] streamChunk() {
        return OpenAiAnswers.streamError(message, code.isEmpty() ? "upstream_error" : code);
    }
}
