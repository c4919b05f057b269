package io.oneapi.plugin.china.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Reading OpenAI request fields for a provider's body. */
public final class RequestFields {
    private RequestFields() {
    }

    /** Copies {@code from.field} to {@code to.target} when the client sent it (an explicit 0 included). */
    public static void copy(JsonNode from, String field, ObjectNode to, String target) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(target, value);
        }
    }

    /** The output limit: {@code max_completion_tokens}, else {@code max_tokens}; null when neither was sent. */
    public static JsonNode maxTokens(JsonNode request) {
        JsonNode value = request.get("max_completion_tokens");
        if (value == null || value.isNull()) {
            value = request.get("max_tokens");
        }
        return value == null || value.isNull() ? null : value;
    }

    /** The texts of an embeddings {@code input}: a string or an array of strings (One API's ParseInput). */
    public static List<String> embeddingInputs(JsonNode request) {
        JsonNode input = request.path("input");
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.asText());
        } else if (input.isArray()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw new IllegalArgumentException("input must be a string or an array of strings");
                }
                texts.add(item.asText());
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("input is required");
        }
        return texts;
    }
}
