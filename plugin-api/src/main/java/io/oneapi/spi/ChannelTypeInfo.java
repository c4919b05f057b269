package io.oneapi.spi;

import java.util.List;
import java.util.Objects;

/**
 * A channel type served by an adapter: the numeric id stored in {@code channels.type}, a label,
 * the default base URL (empty when the operator must give one), the default models and the names of
 * the per-channel settings the type reads from {@code channels.config} (for example {@code region}).
 *
 * @param ownedBy the {@code owned_by} name the {@code /v1/models} catalogue gives this type's default
 *     models (One API's channel name: {@code openai}, {@code moonshot}, {@code together.ai} ...);
 *     the label when not given
 */
public record ChannelTypeInfo(int type, String label, String defaultBaseUrl, List<String> defaultModels,
                              List<String> settings, String ownedBy) {
    public ChannelTypeInfo {
        Objects.requireNonNull(label, "label");
        defaultBaseUrl = defaultBaseUrl == null ? "" : defaultBaseUrl;
        defaultModels = List.copyOf(defaultModels);
        settings = List.copyOf(settings);
        ownedBy = ownedBy == null || ownedBy.isBlank() ? label : ownedBy;
    }

    public ChannelTypeInfo(int type, String label, String defaultBaseUrl, List<String> defaultModels,
                           List<String> settings) {
        this(type, label, defaultBaseUrl, defaultModels, settings, label);
    }

    public ChannelTypeInfo(int type, String label, String defaultBaseUrl, List<String> defaultModels) {
        this(type, label, defaultBaseUrl, defaultModels, List.of(), label);
    }
}
