package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.Usage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A Claude message (unary response) as an OpenAI {@code chat.completion}. */
final class ClaudeReply {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] UNREADABLE = ("{\"error\":{\"message\":\"The upstream answered with a body that is not"
            + " a Claude message.\",\"type\":\"upstream_error\"}}").getBytes(StandardCharsets.UTF_8);

    private ClaudeReply() {
    }

    /**
     * @param model the model name the client asked for (One API answers with it)
     * @return the translation; an error status with the upstream body when the body is an error or unreadable
     */
    static TranslatedBody translate(byte[] body, String model, long created) {
        JsonNode message;
        try {
            message = JSON.readTree(body);
        } catch (IOException e) {
            message = null;
        }
        if (message == null || !message.isObject()) {
            return new TranslatedBody(502, UNREADABLE, Usage.NONE);
        }
        if ("error".equals(message.path("type").asText()) || message.path("error").isObject()) {
            return new TranslatedBody(500, body, Usage.NONE);
        }
        ClaudeUsage usage = ClaudeUsage.of(message.path("usage"));
        ObjectNode completion = JSON.createObjectNode()
                .put("id", "chatcmpl-" + message.path("id").asText(""))
                .put("object", "chat.completion")
                .put("created", created)
                .put("model", model);
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.set("message", assistantMessage(message.path("content")));
        String finish = finishReason(message.path("stop_reason").asText(null));
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        usage.writeTo(completion);
        try {
            return new TranslatedBody(200, JSON.writeValueAsBytes(completion), usage.toUsage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    private static ObjectNode assistantMessage(JsonNode content) {
        StringBuilder text = new StringBuilder();
        StringBuilder thinking = new StringBuilder();
        ArrayNode calls = JSON.createArrayNode();
        for (JsonNode block : content) {
            switch (block.path("type").asText("")) {
                case "text" -> text.append(block.path("text").asText(""));
                case "thinking" -> thinking.append(block.path("thinking").asText(""));
                case "tool_use" -> {
                    ObjectNode call = calls.addObject().put("id", block.path("id").asText(""))
                            .put("type", "function");
                    call.putObject("function").put("name", block.path("name").asText(""))
                            .put("arguments", block.path("input").isMissingNode() ? "{}" : block.get("input").toString());
                }
                default -> {
                    // redacted_thinking and server tool blocks have no OpenAI form
                }
            }
        }
        ObjectNode message = JSON.createObjectNode().put("role", "assistant");
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        if (!thinking.isEmpty()) {
            message.put("reasoning_content", thinking.toString());
        }
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        return message;
    }

    /** Claude's stop reason as OpenAI's finish reason; null stays null. */
    static String finishReason(String stopReason) {
        if (stopReason == null) {
            return null;
        }
        return switch (stopReason) {
            case "end_turn", "stop_sequence", "pause_turn" -> "stop";
            case "max_tokens", "model_context_window_exceeded" -> "length";
            case "tool_use" -> "tool_calls";
            case "refusal" -> "content_filter";
            default -> stopReason;
        };
    }
}
