package io.oneapi.plugin.assorted.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of an OpenAI chat request.
 *
 * @param content a string, an array of parts ({@code text}, {@code image_url}), or null
 * @param raw the whole message object, for the fields a translator may need ({@code tool_calls} ...)
 */
public record ChatMessage(String role, JsonNode content, JsonNode raw) {

    /** The text: the string content, or the text parts joined with a newline. */
    public String text() {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                if (!text.isEmpty()) {
                    text.append('\n');
                }
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }

    /** The URLs of the {@code image_url} parts, in order. */
    public List<String> imageUrls() {
        List<String> urls = new ArrayList<>();
        if (content != null && content.isArray()) {
            for (JsonNode part : content) {
                JsonNode imageUrl = part.path("image_url");
                String url = imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText("");
                if ("image_url".equals(part.path("type").asText()) && !url.isEmpty()) {
                    urls.add(url);
                }
            }
        }
        return urls;
    }
}
