package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.EventSink;

/** Builds OpenAI {@code chat.completion.chunk} objects for one stream: same id, creation time and model. */
final class OpenAiChunks {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String model;
    private final long created;
    private String id = "chatcmpl-unknown";

    OpenAiChunks(String model, long created) {
        this.model = model;
        this.created = created;
    }

    void id(String upstreamId) {
        id = "chatcmpl-" + upstreamId;
    }

    String id() {
        return id;
    }

    /** A chunk with one choice carrying {@code delta}; {@code finishReason} null for all but the last. */
    ObjectNode choice(ObjectNode delta, String finishReason) {
        ObjectNode chunk = head();
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        choice.set("delta", delta);
        if (finishReason == null) {
            choice.putNull("finish_reason");
        } else {
            choice.put("finish_reason", finishReason);
        }
        return chunk;
    }

    /** The usage chunk OpenAI sends last when the client asked for {@code stream_options.include_usage}. */
    ObjectNode usage(ClaudeUsage usage) {
        ObjectNode chunk = head();
        chunk.putArray("choices");
        usage.writeTo(chunk);
        return chunk;
    }

    static ObjectNode delta() {
        return JSON.createObjectNode();
    }

    /** Sends one chunk (or error object) to the client. */
    static void emit(EventSink sink, ObjectNode chunk) {
        try {
            sink.emit(JSON.writeValueAsBytes(chunk));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    private ObjectNode head() {
        return JSON.createObjectNode().put("id", id).put("object", "chat.completion.chunk").put("created", created)
                .put("model", model);
    }
}
