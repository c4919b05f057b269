package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The signed assertion of Google's OAuth2 JWT-bearer grant (RFC 7523): header {@code RS256} with the key id,
 * claims {@code iss} = the service account's email, {@code scope} = cloud-platform, {@code aud} = the token
 * URI, {@code iat} and {@code exp} one hour later (Google's maximum), signed with the account's RSA key.
 */
final class ServiceAccountJwt {
    static final String SCOPE = "https://www.googleapis.com/auth/cloud-platform";
    static final Duration LIFETIME = Duration.ofHours(1);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private ServiceAccountJwt() {
    }

    static String assertion(ServiceAccount account, Instant now) {
        return sign(account, PemPrivateKey.rsa(account.privateKeyPem()), now);
    }

    static String sign(ServiceAccount account, PrivateKey key, Instant now) {
        ObjectNode header = Json.object().put("alg", "RS256").put("typ", "JWT");
        if (!account.privateKeyId().isEmpty()) {
            header.put("kid", account.privateKeyId());
        }
        long issuedAt = now.getEpochSecond();
        ObjectNode claims = Json.object().put("iss", account.clientEmail()).put("scope", SCOPE)
                .put("aud", account.tokenUri()).put("iat", issuedAt).put("exp", issuedAt + LIFETIME.toSeconds());
        String signingInput = BASE64URL.encodeToString(Json.bytes(header)) + "."
                + BASE64URL.encodeToString(Json.bytes(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + BASE64URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the service account assertion: " + e.getClass().getSimpleName());
        }
    }
}
