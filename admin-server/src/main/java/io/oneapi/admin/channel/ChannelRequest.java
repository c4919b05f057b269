package io.oneapi.admin.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.admin.http.ApiFailure;

import java.io.IOException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Body of {@code POST/PUT /api/channel/}. Null fields are absent (an update keeps them; One API could not
 * set zero values such as priority 0, this can). {@link #validated} checks JSON fields and trims lists.
 */
record ChannelRequest(Integer id, Integer type, String key, Integer status, String name, Integer weight,
                      String baseUrl, String other, String models, String group, String modelMapping, Long priority,
                      String config, String systemPrompt) {

    ChannelRequest validated(ObjectMapper mapper) {
        if (type != null && type < 0) {
            throw new ApiFailure("invalid parameters: unknown channel type " + type);
        }
        if (status != null && (status < 1 || status > 3)) {
            throw new ApiFailure("invalid parameters: status must be 1, 2 or 3");
        }
        if (name != null && name.length() > 255) {
            throw new ApiFailure("invalid parameters: name is too long");
        }
        if (modelMapping != null && modelMapping.length() > 1024) {
            throw new ApiFailure("invalid parameters: model_mapping must be at most 1024 characters");
        }
        requireJsonObject(mapper, "model_mapping", modelMapping);
        requireJsonObject(mapper, "config", config);
        String url = baseUrl == null ? null : stripTrailingSlash(baseUrl.trim());
        if (url != null && !url.isEmpty() && !url.matches("(?i)https?://\\S+")) {
            throw new ApiFailure("invalid parameters: base_url must be an http:// or https:// URL");
        }
        return new ChannelRequest(id, type, key, status, name, weight, url, other, list(models), list(group),
                modelMapping, priority, config, systemPrompt);
    }

    private static void requireJsonObject(ObjectMapper mapper, String field, String value) {
        if (value == null || value.isBlank()) {
            return;
        }
        try {
            JsonNode node = mapper.readTree(value);
            if (node == null || !node.isObject()) {
                throw new ApiFailure("invalid parameters: " + field + " must be a JSON object");
            }
        } catch (IOException e) {
            throw new ApiFailure("invalid parameters: " + field + " must be a JSON object");
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Comma list with blanks trimmed, so "a, b" routes like "a,b" (One API did not trim). */
    private static String list(String value) {
        if (value == null) {
            return null;
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct()
                .collect(Collectors.joining(","));
    }

    @Override
    public String toString() {
        return "ChannelRequest[id=" + id + ", type=" + type + ", name=" + name + "]";
    }
}
