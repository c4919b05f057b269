package io.oneapi.plugin.openai;

import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.Header;

/** The credential header a channel type expects. */
final class ChannelAuth {
    private ChannelAuth() {
    }

    static Header of(ChannelInfo channel) {
        return switch (channel.type()) {
            case ChannelTypes.AZURE -> new Header("api-key", channel.key());
            // One API's proxy channel sends the key as is: it may already carry a scheme.
            case ChannelTypes.PROXY -> new Header("Authorization", channel.key());
            default -> new Header("Authorization", "Bearer " + channel.key());
        };
    }
}
