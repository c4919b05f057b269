package io.oneapi.admin.account;

import java.security.SecureRandom;

/** Random alphanumeric text (One API's {@code GetRandomString}): reset passwords, OAuth states, codes. */
public final class RandomText {
    private static final String ALPHANUMERIC = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RandomText() {
    }

    public static String alphanumeric(int length) {
        return from(ALPHANUMERIC, length);
    }

    /** Digits and lower-case letters only: easy to type from an e-mail. */
    public static String lowerAlphanumeric(int length) {
        return from(ALPHANUMERIC.substring(0, 36), length);
    }

    private static String from(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
