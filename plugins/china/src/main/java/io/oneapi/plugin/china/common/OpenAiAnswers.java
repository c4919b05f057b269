package io.oneapi.plugin.china.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.Usage;

/**
 * The OpenAI-format answers of one exchange: a {@code chat.completion}, stream chunks, an embeddings list.
 * Every chunk of a stream carries the same id, creation time and model; the first one also carries
 * {@code role: assistant}. Stream chunks never carry usage (non-OpenAI adaptors never emit a usage chunk,
 * inventory 1.3); the exchange reports it to the core instead.
 */
public final class OpenAiAnswers {
    private final Stamp stamp;
    private final String model;
    private boolean roleSent;

    public OpenAiAnswers(Stamp stamp, String model) {
        this.stamp = stamp;
        this.model = model;
    }

    public static ObjectNode assistant(String content) {
        return Json.object().put("role", "assistant").put("content", content);
    }

    /** A {@code chat.completion} with one choice; usage included when the provider reported it. */
    public byte[] chat(ObjectNode message, String finishReason, Usage usage) {
        ObjectNode choice = Json.object().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finishReason);
        ArrayNode choices = Json.array().add(choice);
        return chat(choices, usage);
    }

    /** A {@code chat.completion} with the given choices. */
    public byte[] chat(ArrayNode choices, Usage usage) {
        ObjectNode body = head("chat.completion");
        body.set("choices", choices);
        if (usage != null && !usage.isEmpty()) {
            body.set("usage", usage(usage));
        }
        return Json.write(body);
    }

    /** Emits a chunk with text content; nothing for empty text. */
    public void content(EventSink sink, String text) {
        if (text != null && !text.isEmpty()) {
            delta(sink, Json.object().put("content", text), null);
        }
    }

    /** Emits a chunk with this delta (the first chunk also names the role) and finish reason. */
    public void delta(EventSink sink, ObjectNode delta, String finishReason) {
        ObjectNode withRole = delta;
        if (!roleSent) {
            roleSent = true;
            withRole = Json.object().put("role", "assistant");
            withRole.setAll(delta);
        }
        ObjectNode choice = Json.object().put("index", 0);
        choice.set("delta", withRole);
        choice.put("finish_reason", finishReason);
        ObjectNode chunk = head("chat.completion.chunk");
        chunk.putArray("choices").add(choice);
        sink.emit(Json.write(chunk));
    }

    /** Emits the last chunk: an empty delta with the finish reason. */
    public void finish(EventSink sink, String finishReason) {
        delta(sink, Json.object(), finishReason);
    }

    /** An OpenAI embeddings list of {@code data} items ({@code embedding}, {@code index}). */
    public byte[] embeddings(ArrayNode data, Usage usage) {
        ObjectNode body = Json.object().put("object", "list");
        body.set("data", data);
        body.put("model", model);
        body.set("usage", usage(usage));
        return Json.write(body);
    }

    /**
     * The OpenAI {@code data} items of a provider's vectors: each of {@code items} holds its vector under
     * {@code vectorField} and its position under {@code indexField} (else its place in the list).
     */
    public static ArrayNode embeddingItems(JsonNode items, String vectorField, String indexField) {
        ArrayNode data = Json.array();
        for (JsonNode item : items) {
            ObjectNode openAi = data.addObject().put("object", "embedding");
            openAi.set("embedding", item.path(vectorField));
            openAi.put("index", item.path(indexField).asInt(data.size() - 1));
        }
        return data;
    }

    public static ObjectNode usage(Usage usage) {
        return Json.object().put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens()).put("total_tokens", usage.totalTokens());
    }

    /**
     * An OpenAI error object as a stream chunk, for a failure the provider reports after the stream started
     * (the core reports its own transport errors the same way).
     */
    public static byte[] streamError(String message, String code) {
        ObjectNode error = Json.object().put("message", message).put("type", "upstream_error").put("param", "")
                .put("code", code);
        ObjectNode body = Json.object();
        body.set("error", error);
        return Json.write(body);
    }

    private ObjectNode head(String object) {
        return Json.object().put("id", stamp.chatId()).put("object", object).put("created", stamp.created())
                .put("model", model);
    }
}
