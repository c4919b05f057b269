package io.oneapi.plugin.replicate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.Usage;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The OpenAI-format answer of one Replicate chat: a {@code chat.completion}, or stream chunks that share one
 * id, the first naming the assistant role. Chunks carry no usage (inventory 1.3): Replicate's streams report
 * none, so the core counts.
 */
final class ChatAnswer {
    private final String id;
    private final long created;
    private final String model;
    private boolean roleSent;

    ChatAnswer(String id, long created, String model) {
        this.id = id;
        this.created = created;
        this.model = model;
    }

    static ChatAnswer fresh(String model) {
        return new ChatAnswer("chatcmpl-" + Long.toHexString(ThreadLocalRandom.current().nextLong()),
                System.currentTimeMillis() / 1000, model);
    }

    byte[] completion(String content, Usage usage) {
        ObjectNode body = head("chat.completion");
        ObjectNode choice = body.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", "stop");
        if (!usage.isEmpty()) {
            body.putObject("usage").put("prompt_tokens", usage.promptTokens())
                    .put("completion_tokens", usage.completionTokens()).put("total_tokens", usage.totalTokens());
        }
        return Predictions.write(body);
    }

    void chunk(EventSink sink, String content, String finishReason) {
        ObjectNode chunk = head("chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject().put("index", 0);
        ObjectNode delta = choice.putObject("delta");
        if (!roleSent) {
            roleSent = true;
            delta.put("role", "assistant");
        }
        if (content != null) {
            delta.put("content", content);
        }
        choice.put("finish_reason", finishReason);
        sink.emit(Predictions.write(chunk));
    }

    private ObjectNode head(String object) {
        return Predictions.JSON.createObjectNode().put("id", id).put("object", object).put("created", created)
                .put("model", model);
    }
}
