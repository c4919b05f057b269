package io.oneapi.admin.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 keyed by {@code SESSION_SECRET}: signs session cookies and derives the secret of the proxy's
 * internal route ({@link #internalRouteSecret()}), so both servers agree on it without another setting.
 */
public final class HmacKey {
    private final SecretKeySpec key;

    public HmacKey(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("SESSION_SECRET is empty");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    public byte[] sign(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Value of the {@code X-OneAPI-Internal} header: hex HMAC-SHA256(SESSION_SECRET, "internal"). */
    public String internalRouteSecret() {
        return HexFormat.of().formatHex(sign("internal"));
    }

    @Override
    public String toString() {
        return "HmacKey[<hidden>]";
    }
}
