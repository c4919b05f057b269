package io.oneapi.spi;

import java.util.Map;
import java.util.Objects;

/**
 * The provider channel (an upstream account) an attempt goes to, as the adapter sees it.
 *
 * @param key the credential; adapters put it in headers or signatures and never log it
 * @param baseUrl the channel's base URL override, or the type's default when the channel has none
 * @param config the channel's {@code config} JSON as string pairs ({@code region}, {@code api_version} ...)
 * @param other the legacy per-type {@code other} column, empty when unset
 */
public record ChannelInfo(int id, int type, String name, String key, String baseUrl, Map<String, String> config,
                          String other) {
    public ChannelInfo {
        Objects.requireNonNull(key, "key");
        name = name == null ? "" : name;
        baseUrl = baseUrl == null ? "" : baseUrl;
        config = Map.copyOf(config);
        other = other == null ? "" : other;
    }

    /** A config value, or {@code fallback} when absent or blank. */
    public String setting(String name, String fallback) {
        String value = config.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public String toString() {
        // Never print the key: records print every component by default.
        return "ChannelInfo[id=" + id + ", type=" + type + ", name=" + name + ", baseUrl=" + baseUrl + "]";
    }
}
