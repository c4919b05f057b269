package io.oneapi.plugin.assorted.cohere;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.assorted.common.ChatMessage;
import io.oneapi.plugin.assorted.common.ChatMessages;
import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.plugin.assorted.common.RequestFields;
import io.oneapi.spi.ExchangeContext;
import java.util.List;

/**
 * An OpenAI chat request as the body of Cohere's v1 {@code POST /v1/chat}: the last user message is
 * {@code message}, leading system messages become the {@code preamble}, everything else goes to
 * {@code chat_history} in order with Cohere's roles. Fixes two One API slips: earlier user turns were
 * dropped from the history, and {@code presence_penalty} was filled from {@code frequency_penalty}.
 */
final class CohereChatBody {
    private static final String DEFAULT_MODEL = "command-r";

    private CohereChatBody() {
    }

    static ObjectNode of(JsonNode openAi, ExchangeContext context) {
        List<ChatMessage> messages = ChatMessages.of(openAi, context.systemPrompt());
        int last = lastUserMessage(messages);
        ObjectNode body = JsonBodies.object();
        model(body, context.upstreamModel());
        body.put("message", messages.get(last).text());
        StringBuilder preamble = new StringBuilder();
        ArrayNode history = JsonBodies.array();
        boolean leading = true;
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage message = messages.get(i);
            leading = leading && message.role().equals("system");
            if (leading) {
                preamble.append(preamble.isEmpty() ? "" : "\n").append(message.text());
            } else if (i != last && !message.text().isEmpty()) {
                history.addObject().put("role", role(message.role())).put("message", message.text());
            }
        }
        if (!preamble.isEmpty()) {
            body.put("preamble", preamble.toString());
        }
        if (!history.isEmpty()) {
            body.set("chat_history", history);
        }
        body.put("stream", context.stream());
        parameters(openAi, body);
        return body;
    }

    /** The model, without the {@code -internet} suffix, which asks for the web-search connector instead. */
    private static void model(ObjectNode body, String model) {
        String name = model.isBlank() ? DEFAULT_MODEL : model;
        if (name.endsWith(CohereAdapter.INTERNET_SUFFIX)) {
            name = name.substring(0, name.length() - CohereAdapter.INTERNET_SUFFIX.length());
            body.putArray("connectors").addObject().put("id", "web-search");
        }
        body.put("model", name);
    }

    private static int lastUserMessage(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i).role().equals("user")) {
                return i;
            }
        }
        throw new IllegalArgumentException("Cohere needs a user message to answer");
    }

    private static String role(String openAiRole) {
        return switch (openAiRole) {
            case "assistant" -> "CHATBOT";
            case "system" -> "SYSTEM";
            default -> "USER";
        };
    }

    private static void parameters(JsonNode openAi, ObjectNode body) {
        RequestFields.copyMaxTokens(openAi, body, "max_tokens");
        RequestFields.copy(openAi, "temperature", body, "temperature");
        RequestFields.copy(openAi, "top_p", body, "p");
        RequestFields.copy(openAi, "top_k", body, "k");
        RequestFields.copy(openAi, "seed", body, "seed");
        RequestFields.copy(openAi, "frequency_penalty", body, "frequency_penalty");
        RequestFields.copy(openAi, "presence_penalty", body, "presence_penalty");
        RequestFields.copyStops(openAi, body, "stop_sequences");
    }
}
