package io.oneapi.admin.channel;

import io.oneapi.storage.ProviderChannel;

import java.util.Arrays;

/** Which model a channel test asks for (inventory section 3.5). */
final class ChannelModels {
    private ChannelModels() {
    }

    /** The channel's first model, "" when it lists none. */
    static String first(ProviderChannel channel) {
        return Arrays.stream(nz(channel.models()).split(",")).map(String::trim).filter(m -> !m.isEmpty())
                .findFirst().orElse("");
    }

    /**
     * The requested model when the channel lists it, else the first one. One API accepted any substring of the
     * comma list ("gpt" matched "gpt-4"); an exact entry is required here.
     */
    static String pick(ProviderChannel channel, String requested) {
        if (requested != null && !requested.isBlank()) {
            String wanted = requested.trim();
            boolean listed = Arrays.stream(nz(channel.models()).split(",")).map(String::trim).anyMatch(wanted::equals);
            if (listed) {
                return wanted;
            }
        }
        return first(channel);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
