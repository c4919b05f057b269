package io.oneapi.admin;

import io.oneapi.admin.auth.TurnstileVerifier;
import io.oneapi.admin.http.TurnstileGate;
import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.options.OptionKey;

/** Turnstile switched and keyed by the live options {@code TurnstileCheckEnabled} and {@code TurnstileSecretKey}. */
final class OptionsTurnstile implements TurnstileGate {
    private final LiveOptions options;
    private final TurnstileVerifier verifier;

    OptionsTurnstile(LiveOptions options, TurnstileVerifier verifier) {
        this.options = options;
        this.verifier = verifier;
    }

    @Override
    public boolean enabled() {
        return options.current().flag(OptionKey.TURNSTILE_CHECK_ENABLED);
    }

    @Override
    public boolean verify(String token, String clientIp) {
        return verifier.verify(options.current().get(OptionKey.TURNSTILE_SECRET_KEY), token, clientIp);
    }
}
