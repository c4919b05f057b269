package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.Usage;
import java.util.HashMap;
import java.util.Map;

/**
 * Translates {@code streamGenerateContent?alt=sse} events (each a partial GenerateContentResponse whose
 * parts are deltas) into OpenAI {@code chat.completion.chunk}s: text, thought text as
 * {@code reasoning_content}, whole function calls as tool call deltas (Gemini never splits a call), and
 * finish reasons. Usage is taken from the last {@code usageMetadata} seen, which Gemini repeats with running
 * totals, so a stream cut short still reports what was generated up to the cut. A final usage chunk
 * follows when the client asked for {@code stream_options.include_usage} (or the gateway enforces it).
 * One instance per stream, single-threaded.
 */
final class GeminiStream {
    private final String model;
    private final boolean includeUsage;
    private final long created = System.currentTimeMillis() / 1000;
    private final Map<Integer, Integer> toolCallsSent = new HashMap<>();
    private String id;
    private boolean roleSent;
    private JsonNode usageMetadata = Json.MAPPER.missingNode();

    GeminiStream(String model, boolean includeUsage) {
        this.model = model;
        this.includeUsage = includeUsage;
    }

    void onEvent(SseEvent event, EventSink sink) {
        JsonNode root = Json.parseLenient(event.data());
        if (!root.isObject()) {
            return; // keep-alive or garbage: nothing a client could use
        }
        if (id == null) {
            id = GeminiToOpenAi.completionId(root);
        }
        if (root.has("usageMetadata")) {
            usageMetadata = root.get("usageMetadata");
        }
        if (root.path("error").isObject()) {
            JsonNode error = root.get("error");
            sink.emit(Json.bytes(GeminiToOpenAi.errorJson(error.path("message").asText("Gemini stream failed"),
                    error.path("status").asText("upstream_error"), error.path("status").asText("UNKNOWN"))));
            return;
        }
        JsonNode candidates = root.path("candidates");
        if (candidates.isEmpty()) {
            if (root.path("promptFeedback").has("blockReason")) {
                sink.emit(Json.bytes(GeminiToOpenAi.noCandidatesError(root.get("promptFeedback"))));
            }
            return;
        }
        ArrayNode choices = Json.MAPPER.createArrayNode();
        for (int i = 0; i < candidates.size(); i++) {
            ObjectNode choice = choice(GeminiReply.of(candidates.get(i), i));
            if (choice != null) {
                choices.add(choice);
            }
        }
        if (!choices.isEmpty()) {
            sink.emit(Json.bytes(chunk().set("choices", choices)));
        }
    }

    void onEnd(EventSink sink) {
        Usage usage = usage();
        if (includeUsage && usage != null) {
            ObjectNode last = chunk();
            last.putArray("choices");
            last.set("usage", GeminiUsage.json(usage, usageMetadata));
            sink.emit(Json.bytes(last));
        }
    }

    /** The usage so far, or null when Gemini sent none. */
    Usage usage() {
        return GeminiUsage.of(usageMetadata);
    }

    private ObjectNode choice(GeminiReply reply) {
        ObjectNode delta = Json.object();
        if (!roleSent) {
            delta.put("role", "assistant");
        }
        if (!reply.text().isEmpty()) {
            delta.put("content", reply.text());
        }
        if (!reply.reasoning().isEmpty()) {
            delta.put("reasoning_content", reply.reasoning());
        }
        int sent = toolCallsSent.getOrDefault(reply.index(), 0);
        if (!reply.toolCalls().isEmpty()) {
            delta.set("tool_calls", reply.toolCallsJson(sent));
            toolCallsSent.put(reply.index(), sent + reply.toolCalls().size());
        }
        String finish = GeminiReply.finishReason(reply.finishReason(), toolCallsSent.containsKey(reply.index()));
        if (reply.isEmpty() && finish == null) {
            return null;
        }
        roleSent = true;
        ObjectNode choice = Json.object().put("index", reply.index());
        choice.set("delta", delta);
        if (finish == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finish);
        }
        return choice;
    }

    private ObjectNode chunk() {
        return Json.object().put("id", id == null ? GeminiToOpenAi.completionId(Json.object()) : id)
                .put("object", "chat.completion.chunk").put("created", created).put("model", model);
    }
}
