package io.oneapi.plugin.anthropic;

import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.NeedsInlineImages;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import java.time.Clock;
import java.util.List;

/**
 * What the Claude adapters share: one channel type each, a clock for response timestamps and request
 * signatures (fixed in tests), and images inline, so the core fetches image URLs for them.
 */
abstract class ClaudeAdapter implements ProviderAdapter, NeedsInlineImages {
    final Clock clock;
    private final ProviderDescriptor descriptor;

    ClaudeAdapter(Clock clock, String id, String name, ChannelTypeInfo type) {
        this.clock = clock;
        this.descriptor = new ProviderDescriptor(id, name, List.of(type));
    }

    @Override
    public final ProviderDescriptor descriptor() {
        return descriptor;
    }
}
