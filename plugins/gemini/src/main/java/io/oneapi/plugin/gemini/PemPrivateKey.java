package io.oneapi.plugin.gemini;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** Reads an RSA private key from PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}), as Google issues them. */
final class PemPrivateKey {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";

    private PemPrivateKey() {
    }

    static PrivateKey rsa(String pem) {
        if (pem.contains("BEGIN RSA PRIVATE KEY")) {
            throw new IllegalStateException("the private key is PKCS#1; a PKCS#8 key (BEGIN PRIVATE KEY) is needed");
        }
        int begin = pem.indexOf(BEGIN);
        int end = pem.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalStateException("the private key is not a PKCS#8 PEM block");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(pem.substring(begin + BEGIN.length(), end));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            // The cause's message may quote key bytes; keep it out.
            throw new IllegalStateException("the private key cannot be read as an RSA PKCS#8 key");
        }
    }
}
