package io.oneapi.plugin.assorted.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.plugin.assorted.common.ResponseStamp;
import io.oneapi.spi.Usage;

/** Reads Ollama chat replies (a unary body or one NDJSON line) in OpenAI terms. */
final class OllamaReplies {
    private OllamaReplies() {
    }

    /** The tool calls of a reply message as OpenAI tool calls (arguments as a JSON string); null when none. */
    static ArrayNode toolCalls(JsonNode message, ResponseStamp stamp, int firstIndex, boolean withIndex) {
        JsonNode calls = message.path("tool_calls");
        if (!calls.isArray() || calls.isEmpty()) {
            return null;
        }
        ArrayNode out = JsonBodies.array();
        int index = firstIndex;
        for (JsonNode call : calls) {
            ObjectNode openAi = out.addObject();
            if (withIndex) {
                openAi.put("index", index);
            }
            openAi.put("id", call.path("id").asText("call_" + stamp.id() + "_" + index));
            openAi.put("type", "function");
            JsonNode arguments = call.path("function").path("arguments");
            openAi.putObject("function").put("name", call.path("function").path("name").asText(""))
                    .put("arguments", arguments.isTextual() ? arguments.asText()
                            : JsonBodies.text(arguments.isMissingNode() ? JsonBodies.object() : arguments));
            index++;
        }
        return out;
    }

    /** Ollama's {@code done_reason} ({@code stop}, {@code length}, {@code load} ...) as an OpenAI finish reason. */
    static String finishReason(JsonNode reply, boolean calledTools) {
        if (calledTools) {
            return "tool_calls";
        }
        return "length".equals(reply.path("done_reason").asText()) ? "length" : "stop";
    }

    /**
     * Usage from {@code prompt_eval_count} and {@code eval_count}. Ollama leaves out the prompt count when
     * it reused a cached prompt; then nothing is reported and the core counts both sides itself, rather
     * than billing a free prompt.
     */
    static Usage usage(JsonNode reply) {
        JsonNode prompt = reply.get("prompt_eval_count");
        if (prompt == null || !prompt.canConvertToInt()) {
            return Usage.NONE;
        }
        return Usage.of(prompt.asInt(), reply.path("eval_count").asInt(0));
    }
}
