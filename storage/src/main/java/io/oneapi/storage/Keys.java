package io.oneapi.storage;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Random secrets in One API's formats (inventory section 2.1), from {@link SecureRandom}.
 * A SecureRandom is thread-safe and holds no application state, so one shared instance is fine.
 */
public final class Keys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    private Keys() {
    }

    /**
     * An API key as stored in {@code tokens.key}: 48 alphanumerics, 16 random ones followed by a dash-less UUID
     * whose letters at even positions are upper-cased. Clients present it as {@code sk-<key>}.
     */
    public static String tokenKey() {
        StringBuilder key = new StringBuilder(48).append(alphanumeric(16));
        String uuid = dashlessUuid();
        for (int i = 0; i < uuid.length(); i++) {
            char c = uuid.charAt(i);
            key.append(i % 2 == 0 ? Character.toUpperCase(c) : c);
        }
        return key.toString();
    }

    /** A management access token ({@code users.access_token}): a dash-less UUID, 32 lowercase hex digits. */
    public static String accessToken() {
        return dashlessUuid();
    }

    /** A redemption code ({@code redemptions.key}): a dash-less UUID, 32 lowercase hex digits. */
    public static String redemptionCode() {
        return dashlessUuid();
    }

    /** An invitation code ({@code users.aff_code}): 4 alphanumerics. */
    public static String affCode() {
        return alphanumeric(4);
    }

    /** A random (version 4) UUID without dashes, as Go's {@code strings.ReplaceAll(uuid.New().String(), "-", "")}. */
    public static String dashlessUuid() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40); // version 4
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80); // IETF variant
        return HexFormat.of().formatHex(bytes);
    }

    static String alphanumeric(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }
}
