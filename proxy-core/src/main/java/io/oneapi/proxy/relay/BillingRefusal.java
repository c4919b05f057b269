package io.oneapi.proxy.relay;

import io.oneapi.proxy.client.OpenAiError;

/** Billing said no before the upstream call (not enough quota, invalid image size ...). */
public final class BillingRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient OpenAiError error;

    public BillingRefusal(OpenAiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public OpenAiError error() {
        return error;
    }
}
