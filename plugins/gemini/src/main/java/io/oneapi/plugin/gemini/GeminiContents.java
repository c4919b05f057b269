package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;

/**
 * OpenAI {@code messages} as Gemini {@code contents} plus a {@code systemInstruction}: {@code assistant}
 * becomes {@code model}, tool calls become {@code functionCall} parts (with the thought signature they came
 * with, see {@link GeminiReply}), {@code tool} results become {@code functionResponse} parts of a user turn
 * (consecutive results merged into one turn, as Gemini pairs them with the calls of the previous turn).
 * System and developer messages go to {@code systemInstruction}, except for first-generation models which
 * know none: there, as in One API, each becomes a user turn answered by a model "Okay".
 */
final class GeminiContents {
    /** Gemini's documented stand-in when a replayed call has no signature (history from another model). */
    static final String SKIP_SIGNATURE = "skip_thought_signature_validator";

    private final GeminiParts parts;
    private final boolean firstGeneration;
    private final boolean needsSignatures;
    private final ArrayNode contents = Json.MAPPER.createArrayNode();
    private final ArrayNode systemParts = Json.MAPPER.createArrayNode();
    private final Map<String, String> callNames = new HashMap<>();
    private ObjectNode lastToolTurn;

    GeminiContents(GeminiParts parts, String model) {
        this.parts = parts;
        this.firstGeneration = GeminiModels.firstGeneration(model);
        this.needsSignatures = GeminiModels.requiresThoughtSignatures(model);
    }

    /** Adds every message; {@code forcedSystemPrompt} (a channel setting) replaces or precedes the first system message. */
    GeminiContents addAll(JsonNode messages, String forcedSystemPrompt) {
        if (!messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("messages must be a non-empty array");
        }
        boolean replaceFirst = !forcedSystemPrompt.isEmpty() && isSystem(messages.get(0));
        if (!forcedSystemPrompt.isEmpty() && !replaceFirst) {
            system(forcedSystemPrompt);
        }
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            if (i == 0 && replaceFirst) {
                system(forcedSystemPrompt);
            } else {
                add(message);
            }
        }
        return this;
    }

    ArrayNode contents() {
        return contents;
    }

    /** The system instruction, or null when there is none. */
    ObjectNode systemInstruction() {
        if (systemParts.isEmpty()) {
            return null;
        }
        ObjectNode instruction = Json.object();
        instruction.set("parts", systemParts);
        return instruction;
    }

    private void add(JsonNode message) {
        String role = message.path("role").asText("");
        JsonNode content = message.path("content");
        switch (role) {
            case "system", "developer" -> system(GeminiParts.textOf(content));
            case "user" -> turn("user", parts.of(content));
            case "assistant" -> turn("model", assistantParts(message));
            case "tool" -> toolResult(name(message), content);
            case "function" -> toolResult(message.path("name").asText(""), content);
            default -> throw new IllegalArgumentException("unsupported message role '" + role + "'");
        }
    }

    private static boolean isSystem(JsonNode message) {
        String role = message.path("role").asText("");
        return role.equals("system") || role.equals("developer");
    }

    private void system(String text) {
        if (firstGeneration) {
            ArrayNode user = Json.MAPPER.createArrayNode();
            GeminiParts.addText(user, text);
            turn("user", user);
            ArrayNode okay = Json.MAPPER.createArrayNode();
            GeminiParts.addText(okay, "Okay");
            turn("model", okay);
        } else {
            GeminiParts.addText(systemParts, text);
        }
    }

    private ArrayNode assistantParts(JsonNode message) {
        ArrayNode result = Json.MAPPER.createArrayNode();
        JsonNode content = message.path("content");
        if (!content.isNull() && !content.isMissingNode()) {
            GeminiParts.addText(result, GeminiParts.textOf(content));
        }
        boolean first = true;
        for (JsonNode call : message.path("tool_calls")) {
            callNames.put(call.path("id").asText(""), call.path("function").path("name").asText(""));
            String signature = call.path("extra_content").path("google").path("thought_signature").asText("");
            if (signature.isEmpty() && first && needsSignatures) {
                signature = SKIP_SIGNATURE;
            }
            result.add(functionCall(call.path("function"), signature));
            first = false;
        }
        if (message.path("function_call").isObject()) {
            result.add(functionCall(message.path("function_call"), needsSignatures ? SKIP_SIGNATURE : ""));
        }
        return result;
    }

    private static ObjectNode functionCall(JsonNode function, String signature) {
        String name = function.path("name").asText("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a tool call has no function name");
        }
        ObjectNode part = Json.object();
        ObjectNode call = part.putObject("functionCall").put("name", name);
        call.set("args", arguments(function.path("arguments")));
        if (!signature.isEmpty()) {
            part.put("thoughtSignature", signature);
        }
        return part;
    }

    /** Tool arguments arrive as JSON text; Gemini wants the object. */
    private static JsonNode arguments(JsonNode arguments) {
        if (arguments.isObject()) {
            return arguments;
        }
        String text = arguments.asText("");
        JsonNode parsed = text.isBlank() ? Json.object() : Json.parseOrNull(text);
        if (parsed == null || !parsed.isObject()) {
            throw new IllegalArgumentException("tool call arguments must be a JSON object");
        }
        return parsed;
    }

    private String name(JsonNode toolMessage) {
        String name = toolMessage.path("name").asText("");
        if (name.isEmpty()) {
            name = callNames.getOrDefault(toolMessage.path("tool_call_id").asText(""), "");
        }
        if (name.isEmpty()) {
            throw new IllegalArgumentException("tool message answers an unknown tool_call_id '"
                    + toolMessage.path("tool_call_id").asText("") + "'");
        }
        return name;
    }

    private void toolResult(String name, JsonNode content) {
        ObjectNode part = Json.object();
        ObjectNode response = part.putObject("functionResponse").put("name", name);
        String text = content.isTextual() || content.isNull() || content.isMissingNode()
                ? content.asText("") : GeminiParts.textOf(content);
        JsonNode parsed = Json.parseOrNull(text);
        if (parsed != null && parsed.isObject()) {
            response.set("response", parsed);
        } else {
            response.putObject("response").set("content", parsed == null || parsed.isMissingNode()
                    ? Json.MAPPER.getNodeFactory().textNode(text) : parsed);
        }
        if (lastToolTurn != null && contents.size() > 0 && contents.get(contents.size() - 1) == lastToolTurn) {
            ((ArrayNode) lastToolTurn.get("parts")).add(part);
            return;
        }
        ArrayNode single = Json.MAPPER.createArrayNode().add(part);
        lastToolTurn = turn("user", single);
    }

    private ObjectNode turn(String role, ArrayNode turnParts) {
        if (turnParts.isEmpty()) {
            return null;
        }
        ObjectNode turn = contents.addObject().put("role", role);
        turn.set("parts", turnParts);
        return turn;
    }
}
