package io.oneapi.proxy.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret of the internal routes the admin server calls: hex HMAC-SHA256 of {@code "internal"} keyed by
 * {@code SESSION_SECRET}, so both servers derive it without another setting. Compared in constant time.
 */
final class InternalSecret {
    private final byte[] expected;

    InternalSecret(String sessionSecret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String hex = HexFormat.of().formatHex(mac.doFinal("internal".getBytes(StandardCharsets.UTF_8)));
            this.expected = hex.getBytes(StandardCharsets.US_ASCII);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, presented.getBytes(StandardCharsets.US_ASCII));
    }
}
