package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.Usage;
import java.util.UUID;

/**
 * A unary {@code generateContent} answer as an OpenAI {@code chat.completion}, one choice per candidate,
 * usage from {@code usageMetadata}. An answer without candidates is a failure: a blocked prompt
 * ({@code promptFeedback.blockReason}) becomes a 400 the client can act on, anything else a 502.
 */
final class GeminiToOpenAi {

    private GeminiToOpenAi() {
    }

    static TranslatedBody chat(int status, byte[] body, String model) {
        JsonNode root = Json.parseLenient(body);
        if (!root.isObject()) {
            return failure(502, "Gemini returned a response that is not a JSON object", "bad_response_body",
                    "UNAVAILABLE");
        }
        if (root.path("error").isObject()) {
            return errorAnswer(root, body);
        }
        JsonNode candidates = root.path("candidates");
        if (candidates.isEmpty()) {
            return noCandidates(root.path("promptFeedback"));
        }
        ObjectNode completion = Json.object().put("id", completionId(root)).put("object", "chat.completion")
                .put("created", System.currentTimeMillis() / 1000).put("model", model);
        ArrayNode choices = completion.putArray("choices");
        for (int i = 0; i < candidates.size(); i++) {
            choices.add(choice(GeminiReply.of(candidates.get(i), i)));
        }
        Usage usage = GeminiUsage.of(root.path("usageMetadata"));
        if (usage != null) {
            completion.set("usage", GeminiUsage.json(usage, root.path("usageMetadata")));
        }
        return new TranslatedBody(status, Json.bytes(completion), usage == null ? Usage.NONE : usage);
    }

    private static ObjectNode choice(GeminiReply reply) {
        ObjectNode choice = Json.object().put("index", reply.index());
        ObjectNode message = choice.putObject("message").put("role", "assistant");
        if (reply.text().isEmpty() && !reply.toolCalls().isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", reply.text());
        }
        if (!reply.reasoning().isEmpty()) {
            message.put("reasoning_content", reply.reasoning());
        }
        if (!reply.toolCalls().isEmpty()) {
            message.set("tool_calls", reply.toolCallsJson(-1));
        }
        String finish = GeminiReply.finishReason(reply.finishReason(), !reply.toolCalls().isEmpty());
        choice.put("finish_reason", finish == null ? "stop" : finish);
        return choice;
    }

    /** An error object in a 2xx answer: passed on with its own status for {@link GoogleErrors}. */
    static TranslatedBody errorAnswer(JsonNode root, byte[] body) {
        int code = root.path("error").path("code").asInt(0);
        return new TranslatedBody(code >= 400 ? code : 500, body, Usage.NONE);
    }

    static String completionId(JsonNode root) {
        String responseId = root.path("responseId").asText("");
        return "chatcmpl-" + (responseId.isEmpty() ? UUID.randomUUID().toString().replace("-", "") : responseId);
    }

    static TranslatedBody noCandidates(JsonNode feedback) {
        ObjectNode error = noCandidatesError(feedback);
        return new TranslatedBody(feedback.has("blockReason") ? 400 : 502, Json.bytes(error), Usage.NONE);
    }

    /** The error object for an answer without candidates (also sent in-band by streams). */
    static ObjectNode noCandidatesError(JsonNode feedback) {
        String reason = feedback.path("blockReason").asText("");
        if (reason.isEmpty()) {
            return errorJson("Gemini returned no candidates", "no_candidates", "UNAVAILABLE");
        }
        String detail = feedback.path("blockReasonMessage").asText("");
        return errorJson("Gemini blocked the prompt (blockReason " + reason + ")"
                + (detail.isEmpty() ? "" : ": " + detail), "prompt_blocked", "INVALID_ARGUMENT");
    }

    static TranslatedBody failure(int status, String message, String code, String googleStatus) {
        return new TranslatedBody(status, Json.bytes(errorJson(message, code, googleStatus)), Usage.NONE);
    }

    /**
     * An OpenAI error object that also carries Google's canonical status, so {@link GoogleErrors} classifies
     * the gateway's own translation failures like Google's.
     */
    static ObjectNode errorJson(String message, String code, String googleStatus) {
        ObjectNode root = Json.object();
        root.putObject("error").put("message", message).put("type", "upstream_error").put("code", code)
                .put("status", googleStatus);
        return root;
    }
}
