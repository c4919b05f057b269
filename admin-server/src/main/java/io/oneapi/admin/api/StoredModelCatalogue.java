package io.oneapi.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.storage.PluginCatalogStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model catalogue read from what the proxies published ({@code oneapi_plugin_catalog}). Read on each
 * call: the table has one row per plugin and admin pages ask rarely, so caching would only add staleness.
 */
public final class StoredModelCatalogue implements ModelCatalogue {
    private static final Logger LOG = LoggerFactory.getLogger(StoredModelCatalogue.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PluginCatalogStore store;

    public StoredModelCatalogue(PluginCatalogStore store) {
        this.store = store;
    }

    @Override
    public Map<Integer, List<String>> modelsByChannelType() {
        Map<Integer, List<String>> byType = new TreeMap<>();
        for (JsonNode type : channelTypes()) {
            List<String> models = new ArrayList<>();
            type.path("defaultModels").forEach(m -> models.add(m.asText()));
            byType.putIfAbsent(type.path("type").asInt(), Collections.unmodifiableList(models));
        }
        return byType;
    }

    @Override
    public List<Model> allModels() {
        Map<String, Model> models = new LinkedHashMap<>();
        for (JsonNode type : channelTypes()) {
            String owner = type.path("ownedBy").asText(type.path("label").asText(""));
            type.path("defaultModels").forEach(m -> models.putIfAbsent(m.asText(), new Model(m.asText(), owner)));
        }
        return List.copyOf(models.values());
    }

    /** Every published channel type, lowest plugin id first (the proxy's own conflict rule). */
    private List<JsonNode> channelTypes() {
        List<JsonNode> types = new ArrayList<>();
        Set<Integer> seen = new LinkedHashSet<>();
        for (PluginCatalogStore.PublishedPlugin plugin : store.list()) {
            try {
                for (JsonNode type : JSON.readTree(plugin.descriptorJson()).path("channelTypes")) {
                    if (seen.add(type.path("type").asInt())) {
                        types.add(type);
                    }
                }
            } catch (IOException e) {
                LOG.warn("Ignoring the unreadable catalogue entry of plugin {}", plugin.pluginId());
            }
        }
        types.sort((a, b) -> Integer.compare(a.path("type").asInt(), b.path("type").asInt()));
        return types;
    }
}
