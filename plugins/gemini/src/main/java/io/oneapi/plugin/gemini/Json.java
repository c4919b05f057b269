package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** The plugin's one JSON mapper (never reconfigured after construction, so safe to share) and helpers. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();
    /** "12:00" must not read as 12: text the client wrote is JSON only when all of it is. */
    private static final ObjectReader STRICT = MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private Json() {
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** Parses an upstream body; a missing node when it is empty or not JSON. */
    static JsonNode parseLenient(byte[] body) {
        if (body == null || body.length == 0) {
            return MAPPER.missingNode();
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node == null ? MAPPER.missingNode() : node;
        } catch (IOException e) {
            return MAPPER.missingNode();
        }
    }

    /** Parses JSON text the client sent inside a field (tool arguments); null when it is not JSON. */
    static JsonNode parseOrNull(String text) {
        try {
            return STRICT.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
