package io.oneapi.plugin.china.xunfei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.TokenCounts;
import io.oneapi.spi.Usage;

/**
 * One message Spark sends: {@code payload.choices} with {@code status} (2 for the last) and {@code text}
 * pieces ({@code content}, or a {@code function_call}), and in the last one {@code payload.usage.text}.
 */
record SparkFrame(JsonNode node) {

    static SparkFrame of(byte[] message) {
        return new SparkFrame(Json.read(message));
    }

    boolean isLast() {
        return node.path("header").path("status").asInt(0) == 2
                || node.path("payload").path("choices").path("status").asInt(0) == 2;
    }

    String content() {
        return node.path("payload").path("choices").path("text").path(0).path("content").asText("");
    }

    /** The OpenAI {@code tool_calls} of a function call in this message, or null. */
    ArrayNode toolCalls(String callId) {
        JsonNode call = node.path("payload").path("choices").path("text").path(0).path("function_call");
        if (!call.isObject()) {
            return null;
        }
        ArrayNode calls = Json.array();
        ObjectNode tool = calls.addObject().put("id", callId).put("type", "function");
        tool.putObject("function").put("name", call.path("name").asText(""))
                .put("arguments", call.path("arguments").asText(""));
        return calls;
    }

    Usage usage() {
        return TokenCounts.read(node.path("payload").path("usage").path("text"), "prompt_tokens",
                "completion_tokens", "total_tokens");
    }
}
