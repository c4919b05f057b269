package io.oneapi.proxy.plugin;

import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import java.util.Objects;

/**
 * An adapter the proxy loaded, with the plugin it came from; the proxy publishes these so the admin
 * server can list plugins, types and models without loading plugin code.
 *
 * @param pluginId the PF4J plugin id, or {@link #DIRECT} for adapters registered in code
 * @param pluginVersion the plugin's {@code Plugin-Version}, empty for adapters registered in code
 * @param descriptor what the adapter said it serves, read once at load time
 */
public record LoadedAdapter(String pluginId, String pluginVersion, ProviderAdapter adapter,
                            ProviderDescriptor descriptor) {
    /** The plugin id given to adapters registered with {@link PluginRegistry#of}. */
    public static final String DIRECT = "direct";

    public LoadedAdapter {
        Objects.requireNonNull(pluginId, "pluginId");
        pluginVersion = pluginVersion == null ? "" : pluginVersion;
        Objects.requireNonNull(adapter, "adapter");
        Objects.requireNonNull(descriptor, "descriptor");
    }
}
