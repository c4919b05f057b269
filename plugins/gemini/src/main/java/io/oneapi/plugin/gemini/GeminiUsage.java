package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.Usage;

/**
 * {@code usageMetadata} as usage. Thinking tokens ({@code thoughtsTokenCount}) are generated and billed as
 * output, so they count as completion tokens; tool-use prompt tokens count as prompt tokens. One API counted
 * Gemini usage locally instead, which missed both.
 */
final class GeminiUsage {

    private GeminiUsage() {
    }

    /** The usage, or null when the metadata is absent or all zero. */
    static Usage of(JsonNode metadata) {
        if (!metadata.isObject()) {
            return null;
        }
        int prompt = metadata.path("promptTokenCount").asInt(0) + metadata.path("toolUsePromptTokenCount").asInt(0);
        int completion = metadata.path("candidatesTokenCount").asInt(0) + metadata.path("thoughtsTokenCount").asInt(0);
        int total = metadata.path("totalTokenCount").asInt(0);
        if (prompt + completion + total == 0) {
            return null;
        }
        return new Usage(prompt, completion, Math.max(total, prompt + completion));
    }

    /** The OpenAI {@code usage} object, with cached and reasoning token details when Gemini gives them. */
    static ObjectNode json(Usage usage, JsonNode metadata) {
        ObjectNode json = Json.object().put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens()).put("total_tokens", usage.totalTokens());
        int cached = metadata.path("cachedContentTokenCount").asInt(0);
        if (cached > 0) {
            json.putObject("prompt_tokens_details").put("cached_tokens", cached);
        }
        int thoughts = metadata.path("thoughtsTokenCount").asInt(0);
        if (thoughts > 0) {
            json.putObject("completion_tokens_details").put("reasoning_tokens", thoughts);
        }
        return json;
    }
}
