package io.oneapi.proxy.route;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.storage.ProviderChannel;
import java.util.HashMap;
import java.util.Map;

/**
 * A provider channel prepared for routing: its model mapping and config parsed once when the routing
 * table is built, never per request.
 */
public record RoutedChannel(ProviderChannel row, Map<String, String> modelMapping, Map<String, String> config) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static RoutedChannel of(ProviderChannel row) {
        return new RoutedChannel(row, stringMap(row.modelMapping()), stringMap(row.config()));
    }

    public int id() {
        return row.id();
    }

    public int type() {
        return row.type();
    }

    /** The model to send upstream for a requested model. */
    public String upstreamModel(String requested) {
        String mapped = modelMapping.get(requested);
        return mapped == null || mapped.isEmpty() ? requested : mapped;
    }

    /** The channel as the adapter sees it; {@code defaultBaseUrl} applies when the channel has none. */
    public ChannelInfo toInfo(String defaultBaseUrl) {
        String base = row.baseUrl() == null || row.baseUrl().isBlank() ? defaultBaseUrl : row.baseUrl().trim();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        Map<String, String> settings = new HashMap<>(config);
        return new ChannelInfo(row.id(), row.type(), row.name(), row.key() == null ? "" : row.key(), base, settings,
                row.other());
    }

    /** A JSON object of scalars as strings; anything unparsable is treated as empty (logged by the builder). */
    static Map<String, String> stringMap(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (!node.isObject()) {
                return Map.of();
            }
            Map<String, String> map = new HashMap<>();
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull() && !e.getValue().isContainerNode()) {
                    map.put(e.getKey(), e.getValue().asText());
                }
            });
            return Map.copyOf(map);
        } catch (java.io.IOException e) {
            return Map.of();
        }
    }

    @Override
    public String toString() {
        return "RoutedChannel[id=" + row.id() + ", type=" + row.type() + ", name=" + row.name() + "]";
    }
}
