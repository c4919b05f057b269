package io.oneapi.proxy.auth;

/**
 * The key a client presented: {@code Authorization: Bearer sk-<key>[-<channelId>]}. The optional suffix
 * pins a provider channel and is honoured for admins only.
 *
 * @param pinnedChannel the raw text after the key's dash, empty when none
 */
public record PresentedKey(String key, String pinnedChannel) {

    /** Parses an Authorization header value; an absent or blank header gives an empty key. */
    public static PresentedKey parse(String authorization) {
        if (authorization == null) {
            return new PresentedKey("", "");
        }
        String value = authorization.trim();
        if (value.equalsIgnoreCase("Bearer")) {
            return new PresentedKey("", "");
        }
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).trim();
        }
        if (value.startsWith("sk-")) {
            value = value.substring(3);
        }
        int dash = value.indexOf('-');
        if (dash < 0) {
            return new PresentedKey(value, "");
        }
        return new PresentedKey(value.substring(0, dash), value.substring(dash + 1));
    }

    public boolean pinsChannel() {
        return !pinnedChannel.isEmpty();
    }

    @Override
    public String toString() {
        return "PresentedKey[pinnedChannel=" + pinnedChannel + "]";
    }
}
