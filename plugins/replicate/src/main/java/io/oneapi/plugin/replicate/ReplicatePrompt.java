package io.oneapi.plugin.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * One API's prompt for Replicate language models: every message as {@code "role: content\n"}. The channel's
 * forced system prompt replaces a leading system message or comes first; array contents give their text
 * parts (One API skipped such messages).
 */
final class ReplicatePrompt {
    private ReplicatePrompt() {
    }

    static String of(JsonNode request, String systemPrompt) {
        List<String[]> turns = new ArrayList<>();
        JsonNode messages = request.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("messages must be a non-empty array");
        }
        for (JsonNode message : messages) {
            turns.add(new String[] {message.path("role").asText(""), text(message.path("content"))});
        }
        if (systemPrompt != null && !systemPrompt.isEmpty()) {
            String[] forced = {"system", systemPrompt};
            if (turns.get(0)[0].equals("system")) {
                turns.set(0, forced);
            } else {
                turns.add(0, forced);
            }
        }
        StringBuilder prompt = new StringBuilder();
        for (String[] turn : turns) {
            prompt.append(turn[0]).append(": ").append(turn[1]).append('\n');
        }
        return prompt.toString();
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if ("text".equals(part.path("type").asText())) {
                text.append(part.path("text").asText(""));
            }
        }
        return text.toString();
    }
}
