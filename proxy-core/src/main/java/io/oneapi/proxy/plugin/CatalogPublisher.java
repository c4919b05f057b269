package io.oneapi.proxy.plugin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.storage.PluginCatalogStore;
import io.oneapi.storage.PluginCatalogStore.PublishedPlugin;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes what this proxy loaded to storage at start-up, so the admin server, which never loads plugin code,
 * can list channel types, their settings and default models (DESIGN.md section 3).
 */
public final class CatalogPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogPublisher.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private CatalogPublisher() {
    }

    /** Publishes every loaded adapter; a failure is logged, never fatal (the relay works without it). */
    public static void publish(PluginRegistry registry, PluginCatalogStore store, long nowSeconds) {
        List<PublishedPlugin> rows = new ArrayList<>();
        for (LoadedAdapter loaded : registry.adapters()) {
            try {
                rows.add(new PublishedPlugin(loaded.descriptor().id(), loaded.pluginVersion(),
                        JSON.writeValueAsString(loaded.descriptor()), nowSeconds));
            } catch (JsonProcessingException e) {
                LOG.warn("Could not describe plugin {}: {}", loaded.pluginId(), e.getOriginalMessage());
            }
        }
        try {
            store.publish(rows);
        } catch (RuntimeException e) {
            LOG.warn("Could not publish the plugin catalog to storage: {}", e.toString());
        }
    }
}
