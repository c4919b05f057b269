package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * OpenAI {@code tools} (and legacy {@code functions}) as Claude tools, {@code tool_choice} (and legacy
 * {@code function_call}) as Claude's: {@code auto}, {@code none}, {@code required} as {@code any}, a named
 * function as {@code tool}; {@code parallel_tool_calls: false} as {@code disable_parallel_tool_use}.
 */
final class ClaudeTools {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaudeTools() {
    }

    static void apply(JsonNode chat, ObjectNode body) {
        ArrayNode tools = JSON.createArrayNode();
        for (JsonNode tool : chat.path("tools")) {
            String type = tool.path("type").asText("function");
            if (!"function".equals(type)) {
                throw new IllegalArgumentException("unsupported tool type: " + type);
            }
            tools.add(tool(tool.path("function")));
        }
        for (JsonNode function : chat.path("functions")) {
            tools.add(tool(function));
        }
        if (tools.isEmpty()) {
            return; // Claude refuses a tool_choice without tools
        }
        body.set("tools", tools);
        JsonNode choice = chat.has("tool_choice") ? chat.get("tool_choice") : chat.path("function_call");
        ObjectNode claudeChoice = choice(choice);
        if (chat.path("parallel_tool_calls").isBoolean() && !chat.get("parallel_tool_calls").asBoolean()) {
            if (claudeChoice == null) {
                claudeChoice = JSON.createObjectNode().put("type", "auto");
            }
            if (!"none".equals(claudeChoice.path("type").asText())) {
                claudeChoice.put("disable_parallel_tool_use", true);
            }
        }
        if (claudeChoice != null) {
            body.set("tool_choice", claudeChoice);
        }
    }

    private static ObjectNode tool(JsonNode function) {
        String name = function.path("name").asText("");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a tool has no function name");
        }
        ObjectNode tool = JSON.createObjectNode().put("name", name);
        String description = function.path("description").asText("");
        if (!description.isEmpty()) {
            tool.put("description", description);
        }
        JsonNode parameters = function.path("parameters");
        if (parameters.isObject() && !parameters.isEmpty()) {
            tool.set("input_schema", parameters);
        } else {
            tool.putObject("input_schema").put("type", "object").putObject("properties");
        }
        return tool;
    }

    private static ObjectNode choice(JsonNode choice) {
        if (choice.isTextual()) {
            return switch (choice.asText()) {
                case "none" -> JSON.createObjectNode().put("type", "none");
                case "auto" -> JSON.createObjectNode().put("type", "auto");
                case "required", "any" -> JSON.createObjectNode().put("type", "any");
                default -> throw new IllegalArgumentException("unsupported tool_choice: " + choice.asText());
            };
        }
        if (choice.isObject()) {
            String name = choice.path("function").path("name").asText(choice.path("name").asText(""));
            if (name.isEmpty()) {
                throw new IllegalArgumentException("tool_choice names no function");
            }
            return JSON.createObjectNode().put("type", "tool").put("name", name);
        }
        return null;
    }
}
