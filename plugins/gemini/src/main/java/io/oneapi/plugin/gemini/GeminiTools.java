package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code tools} (and the legacy {@code functions}) as one Gemini tool of {@code functionDeclarations},
 * and {@code tool_choice} (legacy {@code function_call}) as {@code toolConfig.functionCallingConfig}:
 * {@code auto} is AUTO, {@code none} is NONE, {@code required} is ANY, a named function is ANY limited to
 * that name.
 */
final class GeminiTools {

    private GeminiTools() {
    }

    /** Adds {@code tools} and {@code toolConfig} to {@code body} when the request declares functions. */
    static void apply(JsonNode request, ObjectNode body) {
        ArrayNode declarations = Json.MAPPER.createArrayNode();
        for (JsonNode tool : request.path("tools")) {
            String type = tool.path("type").asText("function");
            if (!type.equals("function")) {
                throw new IllegalArgumentException("tool type '" + type + "' is not supported by Gemini");
            }
            declarations.add(declaration(tool.path("function")));
        }
        for (JsonNode function : request.path("functions")) {
            declarations.add(declaration(function));
        }
        if (declarations.isEmpty()) {
            return;
        }
        body.putArray("tools").addObject().set("functionDeclarations", declarations);
        JsonNode choice = request.has("tool_choice") ? request.get("tool_choice") : request.path("function_call");
        ObjectNode config = callingConfig(choice);
        if (config != null) {
            body.putObject("toolConfig").set("functionCallingConfig", config);
        }
    }

    private static ObjectNode declaration(JsonNode function) {
        String name = function.path("name").asText("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("every function needs a name");
        }
        ObjectNode declaration = Json.object().put("name", name);
        if (function.hasNonNull("description")) {
            declaration.put("description", function.get("description").asText());
        }
        JsonNode parameters = function.path("parameters");
        if (parameters.isObject() && !GeminiSchema.emptyObject(parameters)) {
            declaration.set("parameters", GeminiSchema.clean(parameters));
        }
        return declaration;
    }

    private static ObjectNode callingConfig(JsonNode choice) {
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "auto" -> Json.object().put("mode", "AUTO");
                case "none" -> Json.object().put("mode", "NONE");
                case "required", "any" -> Json.object().put("mode", "ANY");
                default -> throw new IllegalArgumentException("unsupported tool_choice '" + choice.asText() + "'");
            };
        }
        if (!choice.isObject()) {
            return null;
        }
        String name = choice.has("function") ? choice.path("function").path("name").asText("")
                : choice.path("name").asText("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("tool_choice names no function");
        }
        ObjectNode config = Json.object().put("mode", "ANY");
        config.putArray("allowedFunctionNames").add(name);
        return config;
    }
}
