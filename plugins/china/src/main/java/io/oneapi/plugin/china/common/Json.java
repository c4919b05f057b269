package io.oneapi.plugin.china.common;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/** JSON on both sides of a translation. The mapper is configured once and never changed. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    /** The body as a tree, or a missing node when it is empty or not JSON (error pages may be HTML). */
    public static JsonNode read(byte[] body) {
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

    /** As {@link #read(byte[])}, for text. */
    public static JsonNode read(String text) {
        return read(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    public static byte[] write(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
