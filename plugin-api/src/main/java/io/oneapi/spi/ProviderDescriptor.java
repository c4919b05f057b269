package io.oneapi.spi;

import java.util.List;
import java.util.Objects;

/**
 * Static facts about an adapter: its plugin-unique id, a display name and every channel type it serves.
 * The proxy publishes descriptors to storage so the admin server can list types and models without
 * loading plugin code.
 */
public record ProviderDescriptor(String id, String name, List<ChannelTypeInfo> channelTypes) {
    public ProviderDescriptor {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        channelTypes = List.copyOf(channelTypes);
    }
}
