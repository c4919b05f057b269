package io.oneapi.plugin.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.spi.ChannelTypeInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The channel types this plugin serves, read once from {@code channel-types.json}: label, One API's
 * channel name (the catalogue's {@code owned_by}), default base URL and default model list per type.
 * The lists are data copied from One API, so they live in a resource rather than in code.
 */
final class ChannelTypeTable {
    private static final String RESOURCE = "channel-types.json";

    private final Map<Integer, ChannelTypeInfo> byType;

    private ChannelTypeTable(Map<Integer, ChannelTypeInfo> byType) {
        this.byType = byType;
    }

    static ChannelTypeTable load() {
        try (InputStream in = ChannelTypeTable.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the openai plugin");
            }
            return parse(new ObjectMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    private static ChannelTypeTable parse(JsonNode root) {
        JsonNode lists = root.path("modelLists");
        Map<Integer, ChannelTypeInfo> byType = new LinkedHashMap<>();
        for (JsonNode entry : root.path("types")) {
            String listName = entry.path("models").asText();
            JsonNode models = lists.path(listName);
            if (!models.isArray()) {
                throw new IllegalStateException(RESOURCE + ": unknown model list '" + listName + "'");
            }
            ChannelTypeInfo info = new ChannelTypeInfo(entry.path("type").asInt(), entry.path("label").asText(),
                    entry.path("baseUrl").asText(""), strings(models), strings(entry.path("settings")),
                    entry.path("ownedBy").asText());
            if (byType.put(info.type(), info) != null) {
                throw new IllegalStateException(RESOURCE + ": type " + info.type() + " listed twice");
            }
        }
        return new ChannelTypeTable(Map.copyOf(byType));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    /** Every served type, ordered by type id. */
    List<ChannelTypeInfo> all() {
        return byType.values().stream().sorted((a, b) -> Integer.compare(a.type(), b.type())).toList();
    }

    Optional<ChannelTypeInfo> find(int type) {
        return Optional.ofNullable(byType.get(type));
    }
}
