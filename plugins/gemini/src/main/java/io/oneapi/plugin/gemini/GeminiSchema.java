package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * Rewrites a JSON Schema (OpenAI tool parameters, {@code response_format.json_schema.schema}) into the
 * OpenAPI subset Gemini's {@code Schema} accepts. Gemini answers 400 to unknown keywords, so only known ones
 * are kept: {@code $schema}, {@code additionalProperties}, {@code strict}, {@code examples} ... are dropped;
 * local {@code $ref}s into {@code $defs}/{@code definitions} are inlined (to a depth, for recursive
 * schemas); {@code oneOf} becomes {@code anyOf}; {@code const} becomes a one-value {@code enum};
 * {@code "type": ["string", "null"]} becomes {@code "type": "string", "nullable": true}; string formats
 * other than {@code date-time} and {@code enum} are dropped.
 */
final class GeminiSchema {
    private static final Set<String> KEPT = Set.of("description", "title", "nullable", "enum", "required",
            "minItems", "maxItems", "minimum", "maximum", "minLength", "maxLength", "pattern", "minProperties",
            "maxProperties", "propertyOrdering", "default", "example");
    private static final Set<String> FORMATS = Set.of("date-time", "enum", "int32", "int64", "float", "double");
    private static final int MAX_REF_DEPTH = 8;

    private final JsonNode root;

    private GeminiSchema(JsonNode root) {
        this.root = root;
    }

    /** The Gemini form of {@code schema}. */
    static ObjectNode clean(JsonNode schema) {
        return new GeminiSchema(schema).convert(schema, 0);
    }

    /** True when an object schema declares no properties (Gemini rejects those as function parameters). */
    static boolean emptyObject(JsonNode schema) {
        return schema.path("properties").isEmpty() && schema.path("anyOf").isMissingNode()
                && "object".equalsIgnoreCase(schema.path("type").asText("object"));
    }

    private ObjectNode convert(JsonNode schema, int depth) {
        ObjectNode out = Json.object();
        if (!schema.isObject()) {
            return out;
        }
        JsonNode ref = schema.path("$ref");
        if (ref.isTextual()) {
            JsonNode target = resolve(ref.asText());
            if (target != null && depth < MAX_REF_DEPTH) {
                out.setAll(convert(target, depth + 1));
            }
        }
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            switch (key) {
                case "type" -> type(out, value);
                case "properties" -> out.set("properties", properties(value, depth));
                case "items" -> out.set("items", convert(value, depth));
                case "anyOf", "oneOf" -> out.set("anyOf", each(value, depth));
                case "const" -> out.putArray("enum").add(value);
                case "format" -> {
                    if (FORMATS.contains(value.asText(""))) {
                        out.set("format", value);
                    }
                }
                default -> {
                    if (KEPT.contains(key)) {
                        out.set(key, value);
                    }
                }
            }
        }
        return out;
    }

    private static void type(ObjectNode out, JsonNode value) {
        if (!value.isArray()) {
            out.set("type", value);
            return;
        }
        for (JsonNode type : value) {
            if (type.asText("").equals("null")) {
                out.put("nullable", true);
            } else if (!out.has("type")) {
                out.set("type", type);
            }
        }
    }

    private ObjectNode properties(JsonNode properties, int depth) {
        ObjectNode out = Json.object();
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            out.set(property.getKey(), convert(property.getValue(), depth));
        }
        return out;
    }

    private ArrayNode each(JsonNode schemas, int depth) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode schema : schemas) {
            out.add(convert(schema, depth));
        }
        return out;
    }

    /** {@code #/$defs/Name} or {@code #/definitions/Name} within the same document; null otherwise. */
    private JsonNode resolve(String ref) {
        if (!ref.startsWith("#/")) {
            return null;
        }
        JsonNode target = root.at(ref.substring(1));
        return target.isObject() ? target : null;
    }
}
