package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;

/**
 * Builds a Claude Messages API body from an OpenAI chat completion request: model, system, messages,
 * sampling and stop parameters, tools and thinking. OpenAI fields Claude has no counterpart for
 * ({@code n}, {@code response_format}, penalties, {@code logprobs}) are dropped.
 */
final class ChatToClaude {
    /** One API's default when the client gives no {@code max_tokens}; every Claude model accepts it. */
    static final int DEFAULT_MAX_TOKENS = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();

    private ChatToClaude() {
    }

    /**
     * @throws IllegalArgumentException when the request cannot be expressed for Claude (the client gets a 400)
     */
    static ObjectNode translate(JsonNode chat, ExchangeContext context, ClientRequest request) {
        if (!(chat instanceof ObjectNode)) {
            throw new IllegalArgumentException("request body must be a JSON object");
        }
        ObjectNode body = JSON.createObjectNode();
        String model = context.upstreamModel().isEmpty() ? chat.path("model").asText("") : context.upstreamModel();
        body.put("model", ClaudeModels.currentName(model));
        ClaudeMessages messages = ClaudeMessages.from(chat.path("messages"), context.systemPrompt(),
                request::inlineImage);
        if (!messages.system().isEmpty()) {
            body.put("system", messages.system());
        }
        body.set("messages", messages.messages());
        body.put("max_tokens", maxTokens(chat));
        copyNumber(chat, "temperature", body, "temperature");
        copyNumber(chat, "top_p", body, "top_p");
        copyNumber(chat, "top_k", body, "top_k");
        ArrayNode stops = stopSequences(chat.path("stop"));
        if (!stops.isEmpty()) {
            body.set("stop_sequences", stops);
        }
        String user = chat.path("user").asText("");
        if (!user.isEmpty()) {
            body.putObject("metadata").put("user_id", user);
        }
        ClaudeTools.apply(chat, body);
        if (chat.path("thinking").isObject()) {
            // Not OpenAI, but clients that know they talk to Claude send it (Anthropic's own OpenAI SDK shim does).
            body.set("thinking", chat.get("thinking").deepCopy());
        }
        return body;
    }

    /** {@code max_completion_tokens}, else {@code max_tokens}, else a default above any thinking budget. */
    static int maxTokens(JsonNode chat) {
        for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
            JsonNode value = chat.path(field);
            if (value.canConvertToInt() && value.asInt() > 0) {
                return value.asInt();
            }
        }
        int budget = chat.path("thinking").path("budget_tokens").asInt(0);
        return budget >= DEFAULT_MAX_TOKENS ? budget + DEFAULT_MAX_TOKENS : DEFAULT_MAX_TOKENS;
    }

    private static ArrayNode stopSequences(JsonNode stop) {
        ArrayNode out = JSON.createArrayNode();
        if (stop.isTextual() && !stop.asText().isEmpty()) {
            out.add(stop.asText());
        } else if (stop.isArray()) {
            stop.forEach(s -> {
                if (s.isTextual() && !s.asText().isEmpty()) {
                    out.add(s.asText());
                }
            });
        }
        return out;
    }

    private static void copyNumber(JsonNode from, String name, ObjectNode to, String as) {
        JsonNode value = from.path(name);
        if (value.isNumber()) {
            to.set(as, value);
        }
    }
}
