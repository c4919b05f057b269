package io.oneapi.plugin.assorted.common;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.Usage;

/**
 * Writes the OpenAI-format answers of one exchange: unary {@code chat.completion} and
 * {@code text_completion} bodies and stream chunks, all with the same id, creation time and model.
 * The first content chunk of a chat stream carries {@code role: assistant}, as OpenAI's does.
 * Usage goes into unary bodies only when the provider reported it; stream chunks never carry it
 * (inventory 1.3: non-OpenAI adaptors never emit a usage chunk).
 */
public final class OpenAiResponses {
    private final ResponseStamp stamp;
    private final String model;
    private boolean roleSent;

    public OpenAiResponses(ResponseStamp stamp, String model) {
        this.stamp = stamp;
        this.model = model;
    }

    /** An assistant message with text content. */
    public static ObjectNode assistant(String content) {
        return JsonBodies.object().put("role", "assistant").put("content", content);
    }

    /** A {@code chat.completion} with one choice. */
    public byte[] completion(ObjectNode message, String finishReason, Usage usage) {
        ObjectNode choice = JsonBodies.object().put("index", 0);
        choice.set("message", message);
        choice.put("finish_reason", finishReason);
        ObjectNode body = head(stamp.chatId(), "chat.completion");
        body.putArray("choices").add(choice);
        addUsage(body, usage);
        return JsonBodies.bytes(body);
    }

    /** A {@code text_completion} with one choice. */
    public byte[] textCompletion(String text, String finishReason, Usage usage) {
        ObjectNode body = head(stamp.completionId(), "text_completion");
        body.putArray("choices").add(textChoice(text, finishReason));
        addUsage(body, usage);
        return JsonBodies.bytes(body);
    }

    /** Emits a chat chunk with text content (nothing for empty text). */
    public void content(EventSink sink, String text) {
        if (text != null && !text.isEmpty()) {
            delta(sink, JsonBodies.object().put("content", text), null);
        }
    }

    /** Emits a chat chunk with this delta; the first chunk of the stream also gets the assistant role. */
    public void delta(EventSink sink, ObjectNode delta, String finishReason) {
        if (!roleSent) {
            roleSent = true;
            ObjectNode withRole = JsonBodies.object().put("role", "assistant");
            withRole.setAll(delta);
            delta = withRole;
        }
        ObjectNode choice = JsonBodies.object().put("index", 0);
        choice.set("delta", delta);
        choice.put("finish_reason", finishReason);
        ObjectNode chunk = head(stamp.chatId(), "chat.completion.chunk");
        chunk.putArray("choices").add(choice);
        sink.emit(JsonBodies.bytes(chunk));
    }

    /** Emits the last chat chunk: an empty delta with the finish reason. */
    public void finish(EventSink sink, String finishReason) {
        delta(sink, JsonBodies.object(), finishReason);
    }

    /** Emits a {@code text_completion} stream chunk. */
    public void text(EventSink sink, String text, String finishReason) {
        ObjectNode chunk = head(stamp.completionId(), "text_completion");
        chunk.putArray("choices").add(textChoice(text, finishReason));
        sink.emit(JsonBodies.bytes(chunk));
    }

    /** The usage object OpenAI bodies carry. */
    public static ObjectNode usage(Usage usage) {
        return JsonBodies.object().put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens()).put("total_tokens", usage.totalTokens());
    }

    private ObjectNode head(String id, String object) {
        return JsonBodies.object().put("id", id).put("object", object).put("created", stamp.created())
                .put("model", model);
    }

    private static ObjectNode textChoice(String text, String finishReason) {
        ObjectNode choice = JsonBodies.object().put("index", 0).put("text", text);
        choice.putNull("logprobs");
        choice.put("finish_reason", finishReason);
        return choice;
    }

    private static void addUsage(ObjectNode body, Usage usage) {
        if (usage != null && !usage.isEmpty()) {
            body.set("usage", usage(usage));
        }
    }
}
