package io.oneapi.proxy.plugin;

import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.SpiVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.pf4j.DependencyResolver;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PF4J side of the registry: loads and starts every plugin jar of one folder and collects their
 * {@link ProviderAdapter} extensions. A plugin that fails to load, start or build its adapters is
 * logged and left out; it never stops the proxy from starting.
 */
final class PluginJars {
    private static final Logger LOG = LoggerFactory.getLogger(PluginJars.class);

    private final PluginManager manager;

    private PluginJars(PluginManager manager) {
        this.manager = manager;
    }

    static PluginJars start(Path folder) {
        JarPluginManager manager = new JarPluginManager(folder);
        // Plugin-Requires is checked against this; PF4J skips the check for its default 0.0.0.
        manager.setSystemVersion(SpiVersion.CURRENT);
        loadEach(manager, jarsIn(folder));
        manager.startPlugins();
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (plugin.getPluginState() != PluginState.STARTED) {
                LOG.warn("plugin '{}' {} from {} is {} (Plugin-Requires '{}', SPI {})", plugin.getPluginId(),
                        plugin.getDescriptor().getVersion(), plugin.getPluginPath(), plugin.getPluginState(),
                        plugin.getDescriptor().getRequires(), SpiVersion.CURRENT, plugin.getFailedException());
            }
        }
        return new PluginJars(manager);
    }

    /**
     * Loads the jars one by one rather than with {@code loadPlugins()}, which gives up on every plugin when
     * one names a missing dependency. A jar whose dependencies are not loaded yet is retried after the
     * others, so load order does not matter; what still cannot resolve is logged and left out.
     */
    private static void loadEach(PluginManager manager, List<Path> jars) {
        List<Path> pending = new ArrayList<>(jars);
        Map<Path, RuntimeException> lastFailure = new HashMap<>();
        boolean progress = true;
        while (progress && !pending.isEmpty()) {
            progress = false;
            for (Path jar : List.copyOf(pending)) {
                try {
                    manager.loadPlugin(jar);
                    pending.remove(jar);
                    progress = true;
                } catch (DependencyResolver.DependenciesNotFoundException e) {
                    unload(manager, jar);
                    lastFailure.put(jar, e);
                } catch (RuntimeException e) {
                    unload(manager, jar);
                    pending.remove(jar);
                    LOG.error("plugin jar {} could not be loaded; it serves nothing", jar, e);
                }
            }
        }
        for (Path jar : pending) {
            LOG.error("plugin jar {} is left out: {}", jar, lastFailure.get(jar).getMessage());
        }
    }

    private static void unload(PluginManager manager, Path jar) {
        for (PluginWrapper plugin : List.copyOf(manager.getPlugins())) {
            if (plugin.getPluginPath().equals(jar)) {
                manager.unloadPlugin(plugin.getPluginId());
            }
        }
    }

    private static List<Path> jarsIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the plugin folder " + folder, e);
        }
    }

    /** The adapters of every started plugin, by plugin id, then by adapter id. */
    List<LoadedAdapter> adapters() {
        List<LoadedAdapter> adapters = new ArrayList<>();
        List<PluginWrapper> started = new ArrayList<>(manager.getStartedPlugins());
        started.sort(Comparator.comparing(PluginWrapper::getPluginId));
        for (PluginWrapper plugin : started) {
            adapters.addAll(adaptersOf(plugin));
        }
        return adapters;
    }

    private List<LoadedAdapter> adaptersOf(PluginWrapper plugin) {
        List<LoadedAdapter> adapters = new ArrayList<>();
        try {
            for (ProviderAdapter adapter : manager.getExtensions(ProviderAdapter.class, plugin.getPluginId())) {
                adapters.add(new LoadedAdapter(plugin.getPluginId(), plugin.getDescriptor().getVersion(), adapter,
                        adapter.descriptor()));
            }
        } catch (RuntimeException | LinkageError e) {
            LOG.error("plugin '{}' from {} could not create its provider adapters; it serves nothing",
                    plugin.getPluginId(), plugin.getPluginPath(), e);
            return List.of();
        }
        adapters.sort(Comparator.comparing(a -> a.descriptor().id()));
        if (adapters.isEmpty()) {
            LOG.warn("plugin '{}' from {} has no ProviderAdapter extension", plugin.getPluginId(),
                    plugin.getPluginPath());
        }
        return adapters;
    }

    /**
     * The ids of the started plugins in the order PF4J started them: a plugin after those it names in
     * {@code Plugin-Dependencies} (the gemini plugin borrows the anthropic plugin's Claude translation).
     */
    List<String> startOrder() {
        return manager.getStartedPlugins().stream().map(PluginWrapper::getPluginId).toList();
    }

    /** Stops the plugins and closes their class loaders, releasing the jar files. */
    void stop() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }
}
