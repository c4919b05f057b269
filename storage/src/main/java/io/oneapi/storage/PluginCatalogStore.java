package io.oneapi.storage;

import java.util.List;

/**
 * Our own table {@code oneapi_plugin_catalog}: the provider plugins proxies loaded, published at proxy start
 * so the admin server (which never loads plugin code) can list channel types and default models.
 */
public interface PluginCatalogStore {

    /**
     * One loaded plugin.
     *
     * @param descriptorJson the plugin's descriptor as JSON: {@code {"id","name","channelTypes":[{"type",
     *                       "label","defaultBaseUrl","defaultModels","settings","ownedBy"}]}}
     */
    record PublishedPlugin(String pluginId, String pluginVersion, String descriptorJson, long publishedAt) {
    }

    /** Inserts or replaces each plugin's row (plugins other proxies published stay). */
    void publish(List<PublishedPlugin> plugins);

    List<PublishedPlugin> list();
}
