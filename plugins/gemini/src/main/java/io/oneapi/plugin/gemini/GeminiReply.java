package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one Gemini candidate (or one streamed piece of it) says: answer text, thought text (parts marked
 * {@code "thought": true}, given to OpenAI clients as {@code reasoning_content}), function calls and the
 * finish reason. A function call's {@code thoughtSignature} travels to the client the way Google's own
 * OpenAI-compatible endpoint does it, as {@code tool_calls[].extra_content.google.thought_signature}, so a
 * client that replays the history hands it back ({@link GeminiContents} reads it).
 */
record GeminiReply(int index, String text, String reasoning, List<ToolCall> toolCalls, String finishReason) {

    record ToolCall(String name, String arguments, String thoughtSignature) {
    }

    static GeminiReply of(JsonNode candidate, int position) {
        StringBuilder text = new StringBuilder();
        StringBuilder reasoning = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (JsonNode part : candidate.path("content").path("parts")) {
            if (part.has("functionCall")) {
                JsonNode call = part.get("functionCall");
                JsonNode args = call.path("args");
                calls.add(new ToolCall(call.path("name").asText(""), args.isObject() ? args.toString() : "{}",
                        part.path("thoughtSignature").asText("")));
            } else if (part.has("text")) {
                (part.path("thought").asBoolean(false) ? reasoning : text).append(part.get("text").asText());
            }
        }
        return new GeminiReply(candidate.path("index").asInt(position), text.toString(), reasoning.toString(),
                List.copyOf(calls), candidate.path("finishReason").asText(""));
    }

    boolean isEmpty() {
        return text.isEmpty() && reasoning.isEmpty() && toolCalls.isEmpty();
    }

    /** The OpenAI tool call objects; {@code firstIndex} >= 0 adds stream indexes starting there. */
    ArrayNode toolCallsJson(int firstIndex) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        int i = firstIndex;
        for (ToolCall call : toolCalls) {
            ObjectNode json = array.addObject();
            if (firstIndex >= 0) {
                json.put("index", i++);
            }
            json.put("id", newToolCallId()).put("type", "function");
            json.putObject("function").put("name", call.name()).put("arguments", call.arguments());
            if (!call.thoughtSignature().isEmpty()) {
                json.putObject("extra_content").putObject("google")
                        .put("thought_signature", call.thoughtSignature());
            }
        }
        return array;
    }

    static String newToolCallId() {
        return "call_" + Long.toHexString(ThreadLocalRandom.current().nextLong())
                + Long.toHexString(ThreadLocalRandom.current().nextLong());
    }

    /** Gemini's finish reason as OpenAI's; null while the candidate is unfinished. */
    static String finishReason(String gemini, boolean calledTools) {
        return switch (gemini) {
            case "" -> null;
            case "MAX_TOKENS" -> "length";
            case "SAFETY", "RECITATION", "BLOCKLIST", "PROHIBITED_CONTENT", "SPII", "IMAGE_SAFETY" -> "content_filter";
            default -> calledTools ? "tool_calls" : "stop";
        };
    }
}
