package io.oneapi.plugin.china.common;

import java.util.regex.Pattern;

/** Channel keys that hold several secrets joined by a separator ({@code API_KEY|SECRET_KEY}, {@code id.secret}). */
public final class KeyParts {
    private KeyParts() {
    }

    /**
     * The {@code count} parts of {@code key}, each trimmed and non-empty. Throws {@link IllegalStateException}
     * naming the expected form (never the key) when the channel's key does not have it.
     */
    public static String[] split(String key, char separator, int count, String form) {
        String[] parts = key.trim().split(Pattern.quote(String.valueOf(separator)), -1);
        if (parts.length != count) {
            throw new IllegalStateException("the channel key must have the form " + form);
        }
        for (int i = 0; i < parts.length; i++) {
            parts[i] = parts[i].trim();
            if (parts[i].isEmpty()) {
                throw new IllegalStateException("the channel key must have the form " + form);
            }
        }
        return parts;
    }
}
