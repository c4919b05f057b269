package io.oneapi.plugin.assorted.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Copies OpenAI request parameters into a provider's body, under the provider's names. */
public final class RequestFields {
    private RequestFields() {
    }

    /**
     * Copies {@code from.field} to {@code to.target} when the client sent it (explicit zeros included: a
     * temperature of 0 means something, unlike One API's omitempty structs that dropped it).
     */
    public static void copy(JsonNode from, String field, ObjectNode to, String target) {
        JsonNode value = from.get(field);
        if (value != null && !value.isNull()) {
            to.set(target, value);
        }
    }

    /** Copies the output limit, {@code max_completion_tokens} or else {@code max_tokens}, when sent. */
    public static void copyMaxTokens(JsonNode from, ObjectNode to, String target) {
        JsonNode value = from.get("max_completion_tokens");
        if (value == null || value.isNull()) {
            value = from.get("max_tokens");
        }
        if (value != null && !value.isNull()) {
            to.set(target, value);
        }
    }

    /** Copies OpenAI's {@code stop} (a string or a list of strings) as a list, when sent. */
    public static void copyStops(JsonNode from, ObjectNode to, String target) {
        JsonNode stop = from.get("stop");
        if (stop != null && !stop.isNull()) {
            to.set(target, stop.isArray() ? stop : JsonBodies.array().add(stop.asText()));
        }
    }
}
