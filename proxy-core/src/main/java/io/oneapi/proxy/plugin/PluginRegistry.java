package io.oneapi.proxy.plugin;

import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider adapters the proxy serves, loaded once at start-up from the plugin jars of one folder
 * (no hot reload) or registered directly. Immutable after construction, so any thread may read it.
 */
public final class PluginRegistry implements AutoCloseable {
    /** System property naming the plugin folder; {@value #DEFAULT_PLUGINS_DIR} when unset. */
    public static final String PLUGINS_DIR_PROPERTY = "oneapi.plugins.dir";
    public static final String DEFAULT_PLUGINS_DIR = "./plugins";
    private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

    private final List<LoadedAdapter> adapters;
    private final AdapterTable table;
    private final ModelCatalogue catalogue;
    private final PluginJars jars;

    private PluginRegistry(List<LoadedAdapter> adapters, PluginJars jars) {
        this.adapters = List.copyOf(adapters);
        this.table = AdapterTable.of(this.adapters);
        this.catalogue = ModelCatalogue.of(channelTypes());
        this.jars = jars;
    }

    /** Loads the folder named by {@value #PLUGINS_DIR_PROPERTY}, else {@value #DEFAULT_PLUGINS_DIR}. */
    public static PluginRegistry load() {
        return load(Path.of(System.getProperty(PLUGINS_DIR_PROPERTY, DEFAULT_PLUGINS_DIR)));
    }

    /** Loads and starts every plugin jar in {@code folder}; a missing folder gives an empty registry. */
    public static PluginRegistry load(Path folder) {
        if (!Files.isDirectory(folder)) {
            LOG.warn("plugin folder {} does not exist: no provider plugins loaded", folder.toAbsolutePath());
            return new PluginRegistry(List.of(), null);
        }
        PluginJars jars = PluginJars.start(folder);
        PluginRegistry registry = new PluginRegistry(jars.adapters(), jars);
        LOG.info("loaded {} provider adapter(s) serving {} channel type(s) from {}", registry.adapters.size(),
                registry.table.claims().size(), folder.toAbsolutePath());
        return registry;
    }

    /** Adapters registered in code (tests, embedded use); on a type clash the earlier one wins. */
    public static PluginRegistry of(List<ProviderAdapter> adapters) {
        List<LoadedAdapter> loaded = new ArrayList<>();
        for (ProviderAdapter adapter : adapters) {
            loaded.add(new LoadedAdapter(LoadedAdapter.DIRECT, "", adapter, adapter.descriptor()));
        }
        return new PluginRegistry(loaded, null);
    }

    /** The adapter serving a channel type. */
    public Optional<ProviderAdapter> adapterFor(int channelType) {
        AdapterTable.Claim claim = table.claim(channelType);
        return claim == null ? Optional.empty() : Optional.of(claim.owner().adapter());
    }

    /** The type's facts (label, default base URL, models, settings) from the adapter serving it. */
    public Optional<ChannelTypeInfo> channelType(int channelType) {
        AdapterTable.Claim claim = table.claim(channelType);
        return claim == null ? Optional.empty() : Optional.of(claim.type());
    }

    /** The type's default base URL; empty when no adapter serves it or the operator must give one. */
    public String defaultBaseUrl(int channelType) {
        return channelType(channelType).map(ChannelTypeInfo::defaultBaseUrl).orElse("");
    }

    /** Every served channel type once, ordered by type id. */
    public List<ChannelTypeInfo> channelTypes() {
        return table.claims().stream().map(AdapterTable.Claim::type).toList();
    }

    /** The descriptors of every loaded adapter, in load order (including any that lost a type clash). */
    public List<ProviderDescriptor> descriptors() {
        return adapters.stream().map(LoadedAdapter::descriptor).toList();
    }

    /** Every loaded adapter with the plugin it came from, in load order. */
    public List<LoadedAdapter> adapters() {
        return adapters;
    }

    /** The ids of the started plugins in start order (dependencies first); empty when none came from jars. */
    List<String> pluginStartOrder() {
        return jars == null ? List.of() : jars.startOrder();
    }

    /** The static {@code /v1/models} catalogue of the served types. */
    public ModelCatalogue models() {
        return catalogue;
    }

    /** Stops the plugins and releases their jars. Adapters must not be used afterwards. */
    @Override
    public void close() {
        if (jars != null) {
            jars.stop();
        }
    }
}
