package io.oneapi.plugin.assorted.common;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reading provider error bodies and writing the in-stream errors the client sees. */
public final class ProviderErrors {
    private ProviderErrors() {
    }

    /**
     * The first non-empty text found at one of the dotted paths ({@code "errors.0.message"}), or null.
     * Array steps are numeric.
     */
    public static String text(JsonNode root, String... paths) {
        for (String path : paths) {
            JsonNode node = root;
            for (String step : path.split("\\.")) {
                node = node.isArray() && step.chars().allMatch(Character::isDigit)
                        ? node.path(Integer.parseInt(step)) : node.path(step);
            }
            if (node.isTextual() && !node.asText().isEmpty()) {
                return node.asText();
            }
        }
        return null;
    }

    /**
     * An OpenAI error object, sent as a stream chunk when the provider reports a failure after the stream
     * started (the core sends its own transport errors the same way).
     */
    public static byte[] streamError(String message, String type, String code) {
        ObjectNode error = JsonBodies.object().put("message", message).put("type", type).put("param", "");
        error.put("code", code);
        ObjectNode body = JsonBodies.object();
        body.set("error", error);
        return JsonBodies.bytes(body);
    }
}
