package io.oneapi.plugin.china.common;

import io.oneapi.spi.ChannelInfo;

/** The base URL an exchange builds on: the channel's, or the type's default, without trailing slashes. */
public final class BaseUrls {
    private BaseUrls() {
    }

    public static String of(ChannelInfo channel, String typeDefault) {
        String base = channel.baseUrl().isBlank() ? typeDefault : channel.baseUrl().trim();
        int end = base.length();
        while (end > 0 && base.charAt(end - 1) == '/') {
            end--;
        }
        if (end == 0) {
            throw new IllegalStateException("channel " + channel.id() + " has no base URL");
        }
        return base.substring(0, end);
    }
}
