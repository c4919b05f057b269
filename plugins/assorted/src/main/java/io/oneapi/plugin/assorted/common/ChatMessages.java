package io.oneapi.plugin.assorted.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;

/** The messages of an OpenAI chat request, as a translator sees them. */
public final class ChatMessages {
    private ChatMessages() {
    }

    /**
     * The request's messages with the channel's forced system prompt applied the way One API applies it
     * to every adaptor: it replaces the content of a leading system message, or is prepended as one.
     */
    public static List<ChatMessage> of(JsonNode request, String systemPrompt) {
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode message : request.path("messages")) {
            messages.add(new ChatMessage(message.path("role").asText(""), message.get("content"), message));
        }
        if (systemPrompt != null && !systemPrompt.isEmpty()) {
            ChatMessage forced = new ChatMessage("system", TextNode.valueOf(systemPrompt),
                    JsonBodies.object().put("role", "system").put("content", systemPrompt));
            if (!messages.isEmpty() && messages.get(0).role().equals("system")) {
                messages.set(0, forced);
            } else {
                messages.add(0, forced);
            }
        }
        return messages;
    }

    /** The text of the last message, empty when there is none (DeepL, Coze and the library ask with it). */
    public static String lastText(List<ChatMessage> messages) {
        return messages.isEmpty() ? "" : messages.get(messages.size() - 1).text();
    }
}
