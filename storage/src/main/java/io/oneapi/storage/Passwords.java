package io.oneapi.storage;

import at.favre.lib.crypto.bcrypt.BCrypt;
import java.nio.charset.StandardCharsets;

/**
 * bcrypt password hashes compatible with One API's (Go's golang.org/x/crypto/bcrypt, {@code $2a$}, cost 10):
 * hashes written here verify in One API and the other way round.
 */
public final class Passwords {
    /** Go's bcrypt.DefaultCost, which One API uses. */
    static final int COST = 10;
    /** bcrypt only reads this many bytes; Go refuses longer passwords rather than truncating them. */
    private static final int MAX_BYTES = 72;

    private Passwords() {
    }

    /**
     * @throws IllegalArgumentException when the password is longer than 72 bytes in UTF-8
     */
    public static String hash(String password) {
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException("password longer than " + MAX_BYTES + " bytes");
        }
        return new String(BCrypt.with(BCrypt.Version.VERSION_2A).hash(COST, bytes), StandardCharsets.UTF_8);
    }

    /** True when {@code password} matches {@code hash}; false for a wrong password or a malformed hash. */
    public static boolean verify(String password, String hash) {
        if (password == null || hash == null || hash.isEmpty()) {
            return false;
        }
        byte[] bytes = password.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > MAX_BYTES) {
            return false;
        }
        try {
            return BCrypt.verifyer().verify(bytes, hash.getBytes(StandardCharsets.UTF_8)).verified;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
