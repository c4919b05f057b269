package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.Usage;

/**
 * Claude's token counts. Claude reports cache writes and reads apart from {@code input_tokens}; OpenAI's
 * {@code prompt_tokens} includes them, with the cache reads again under
 * {@code prompt_tokens_details.cached_tokens}, and billing charges them as prompt tokens.
 */
record ClaudeUsage(int input, int cacheCreation, int cacheRead, int output) {
    static final ClaudeUsage NONE = new ClaudeUsage(0, 0, 0, 0);

    static ClaudeUsage of(JsonNode usage) {
        return NONE.merge(usage);
    }

    /**
     * These counts updated by a later report: stream events repeat counts cumulatively, so a present value
     * replaces the earlier one and an absent (or zero) one keeps it.
     */
    ClaudeUsage merge(JsonNode usage) {
        return new ClaudeUsage(pick(usage, "input_tokens", input), pick(usage, "cache_creation_input_tokens",
                cacheCreation), pick(usage, "cache_read_input_tokens", cacheRead), pick(usage, "output_tokens", output));
    }

    private static int pick(JsonNode usage, String field, int current) {
        int value = usage.path(field).asInt(0);
        return value > 0 ? value : current;
    }

    int promptTokens() {
        return input + cacheCreation + cacheRead;
    }

    Usage toUsage() {
        return Usage.of(promptTokens(), output);
    }

    /** Writes the OpenAI {@code usage} object into {@code parent}. */
    void writeTo(ObjectNode parent) {
        ObjectNode usage = parent.putObject("usage")
                .put("prompt_tokens", promptTokens())
                .put("completion_tokens", output)
                .put("total_tokens", promptTokens() + output);
        usage.putObject("prompt_tokens_details").put("cached_tokens", cacheRead);
    }
}
