package io.oneapi.plugin.china.common;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One message of an OpenAI chat request, reduced to what these providers take: a role and plain text.
 *
 * @param text the string content, or the text parts of an array content concatenated (One API's
 *     {@code StringContent}); images are dropped
 * @param raw the whole message, for fields a translator may need ({@code tool_calls}, {@code name} ...)
 */
public record ChatTurn(String role, String text, JsonNode raw) {

    /**
     * The request's messages with the channel's forced system prompt applied as One API applies it: it
     * replaces the content of a leading system message, or is put first as one.
     */
    public static List<ChatTurn> of(JsonNode request, String systemPrompt) {
        JsonNode messages = request.path("messages");
        if (!messages.isArray()) {
            throw new IllegalArgumentException("messages must be an array");
        }
        List<ChatTurn> turns = new ArrayList<>();
        for (JsonNode message : messages) {
            turns.add(new ChatTurn(message.path("role").asText(""), text(message.get("content")), message));
        }
        if (systemPrompt != null && !systemPrompt.isEmpty()) {
            ChatTurn forced = new ChatTurn("system", systemPrompt, Json.object().put("role", "system")
                    .put("content", systemPrompt));
            if (!turns.isEmpty() && turns.get(0).role().equals("system")) {
                turns.set(0, forced);
            } else {
                turns.add(0, forced);
            }
        }
        return turns;
    }

    static String text(JsonNode content) {
        if (content == null || content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText()) && part.path("text").isTextual()) {
                text.append(part.path("text").asText());
            }
        }
        return text.toString();
    }
}
