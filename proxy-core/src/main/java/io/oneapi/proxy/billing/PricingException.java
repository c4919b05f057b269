package io.oneapi.proxy.billing;

/**
 * A request that cannot be priced because it is invalid (HTTP 400). {@link #code()} is One API's OpenAI-style
 * error code: {@code prompt_missing}, {@code size_not_supported}, {@code prompt_too_long},
 * {@code n_not_within_range}, {@code text_too_long}.
 */
public final class PricingException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String code;

    PricingException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public String code() {
        return code;
    }

    public int status() {
        return 400;
    }
}
