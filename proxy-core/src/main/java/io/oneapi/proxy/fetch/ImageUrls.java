package io.oneapi.proxy.fetch;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The {@code http(s)} image URLs of an OpenAI chat request, in order, each once. */
public final class ImageUrls {

    private ImageUrls() {
    }

    /**
     * Reads {@code messages[].content[]} parts of type {@code image_url} ({@code {"image_url":{"url":...}}},
     * or a bare string as some clients send). {@code data:} URLs are left to the adapters.
     */
    public static List<String> in(JsonNode chatRequest) {
        Set<String> urls = new LinkedHashSet<>();
        for (JsonNode message : chatRequest.path("messages")) {
            for (JsonNode part : message.path("content")) {
                if (!"image_url".equals(part.path("type").asText())) {
                    continue;
                }
                JsonNode image = part.path("image_url");
                String url = image.isTextual() ? image.asText() : image.path("url").asText("");
                if (isHttp(url)) {
                    urls.add(url);
                }
            }
        }
        return new ArrayList<>(urls);
    }

    static boolean isHttp(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        return lower.startsWith("http://") || lower.startsWith("https://");
    }
}
