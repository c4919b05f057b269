package io.oneapi.plugin.assorted.common;

import io.oneapi.spi.ChannelInfo;

/** The base URL an exchange builds on. */
public final class ChannelUrls {
    private ChannelUrls() {
    }

    /**
     * The channel's base URL, or the type's default when the channel has none (the core already fills it
     * in; adapters used outside the core may not), without trailing slashes.
     */
    public static String base(ChannelInfo channel, String typeDefault) {
        String base = channel.baseUrl().isBlank() ? typeDefault : channel.baseUrl().trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        if (base.isEmpty()) {
            throw new IllegalArgumentException("channel " + channel.id() + " has no base URL");
        }
        return base;
    }
}
