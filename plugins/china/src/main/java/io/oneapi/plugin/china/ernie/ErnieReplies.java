package io.oneapi.plugin.china.ernie;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.Usage;

/** Reading ERNIE's answers: stream usage and the finish reason. */
final class ErnieReplies {
    private ErnieReplies() {
    }

    /**
     * Stream usage as One API reads it: from an event whose {@code total_tokens} is not 0, completion being
     * the total less the prompt; null when the event carries none.
     */
    static Usage streamUsage(JsonNode event) {
        JsonNode usage = event.path("usage");
        int total = usage.path("total_tokens").asInt(0);
        if (total == 0) {
            return null;
        }
        int prompt = usage.path("prompt_tokens").asInt(0);
        return new Usage(prompt, total - prompt, total);
    }

    /** OpenAI's finish reason: {@code length} when ERNIE says it cut the answer short, else {@code stop}. */
    static String finishReason(JsonNode reply) {
        String reason = reply.path("finish_reason").asText("");
        if (reason.equals("length") || reply.path("is_truncated").asBoolean(false)) {
            return "length";
        }
        return reason.equals("content_filter") ? "content_filter" : "stop";
    }
}
