package io.oneapi.proxy.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import io.oneapi.spi.ProviderExchange;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    /** An adapter that only describes itself; the registry never asks it for an exchange here. */
    private record Describing(ProviderDescriptor descriptor) implements ProviderAdapter {
        @Override
        public ProviderExchange newExchange(ExchangeContext context) {
            throw new UnsupportedOperationException("not used");
        }
    }

    private static ProviderAdapter adapter(String id, ChannelTypeInfo... types) {
        return new Describing(new ProviderDescriptor(id, id, List.of(types)));
    }

    private static ChannelTypeInfo type(int id, String baseUrl, String owner, String... models) {
        return new ChannelTypeInfo(id, "type " + id, baseUrl, List.of(models), List.of(), owner);
    }

    @Test
    void mapsEachTypeToItsAdapter() {
        ProviderAdapter first = adapter("first", type(14, "https://a", "anthropic", "claude-3"));
        ProviderAdapter second = adapter("second", type(24, "https://g", "google", "gemini-pro"), type(11, "", "palm"));
        try (PluginRegistry registry = PluginRegistry.of(List.of(first, second))) {
            assertSame(first, registry.adapterFor(14).orElseThrow());
            assertSame(second, registry.adapterFor(24).orElseThrow());
            assertTrue(registry.adapterFor(99).isEmpty());
            assertEquals("https://g", registry.defaultBaseUrl(24));
            assertEquals("", registry.defaultBaseUrl(11));
            assertEquals("", registry.defaultBaseUrl(99));
            assertEquals(List.of(11, 14, 24), registry.channelTypes().stream().map(ChannelTypeInfo::type).toList());
            assertEquals(List.of("first", "second"), registry.descriptors().stream().map(ProviderDescriptor::id).toList());
            assertEquals(LoadedAdapter.DIRECT, registry.adapters().get(0).pluginId());
            assertEquals("google", registry.models().find("gemini-pro").orElseThrow().ownedBy());
        }
    }

    @Test
    void aTypeClaimedTwiceStaysWithTheFirstAdapter() {
        ProviderAdapter first = adapter("first", type(1, "https://first", "first-owner", "shared", "only-first"));
        ProviderAdapter second = adapter("second", type(1, "https://second", "second-owner", "shared", "only-second"),
                type(2, "https://second-2", "second-owner", "two"));
        try (PluginRegistry registry = PluginRegistry.of(List.of(first, second))) {
            assertSame(first, registry.adapterFor(1).orElseThrow());
            assertSame(second, registry.adapterFor(2).orElseThrow());
            assertEquals("https://first", registry.defaultBaseUrl(1));
            assertEquals(2, registry.descriptors().size(), "the loser is still loaded and listed");
            assertTrue(registry.models().find("only-second").isEmpty(), "the losing type's models are not served");
            assertEquals("first-owner", registry.models().find("shared").orElseThrow().ownedBy());
        }
    }

    @Test
    void aMissingFolderGivesAnEmptyRegistry(@TempDir Path temp) {
        try (PluginRegistry registry = PluginRegistry.load(temp.resolve("no-such-folder"))) {
            assertTrue(registry.adapters().isEmpty());
            assertTrue(registry.adapterFor(1).isEmpty());
            assertTrue(registry.models().models().isEmpty());
        }
    }

    @Test
    void anEmptyFolderGivesAnEmptyRegistry(@TempDir Path temp) {
        try (PluginRegistry registry = PluginRegistry.load(temp)) {
            assertTrue(registry.adapters().isEmpty());
            assertTrue(registry.channelTypes().isEmpty());
        }
    }
}
