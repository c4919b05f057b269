package io.oneapi.admin.http;

/** Cloudflare Turnstile as One API checks it on registration, verification and reset routes. */
public interface TurnstileGate {
    /** {@code TurnstileCheckEnabled}. */
    boolean enabled();

    /** Asks the verify endpoint whether {@code token} is a passed challenge from {@code clientIp}. */
    boolean verify(String token, String clientIp);

    TurnstileGate OFF = new TurnstileGate() {
        @Override
        public boolean enabled() {
            return false;
        }

        @Override
        public boolean verify(String token, String clientIp) {
            return false;
        }
    };
}
