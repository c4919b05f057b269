package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.InlineImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * OpenAI chat messages as Claude's {@code system} and {@code messages}: every system (or developer) message
 * joins the system text, {@code tool} messages become {@code tool_result} blocks of a user turn, assistant
 * {@code tool_calls} become {@code tool_use} blocks, images become base64 {@code image} blocks, and
 * consecutive turns of one role are merged (Claude expects user and assistant to alternate).
 *
 * @param system the joined system text, empty when none
 */
record ClaudeMessages(String system, ArrayNode messages) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param forcedSystemPrompt the channel's system prompt: replaces a leading system message, else goes first
     * @param images the images the core fetched, by URL
     */
    static ClaudeMessages from(JsonNode openAi, String forcedSystemPrompt,
                               Function<String, Optional<InlineImage>> images) {
        if (!openAi.isArray() || openAi.isEmpty()) {
            throw new IllegalArgumentException("messages must be a non-empty array");
        }
        List<String> system = new ArrayList<>();
        if (!forcedSystemPrompt.isEmpty()) {
            system.add(forcedSystemPrompt);
        }
        ArrayNode messages = JSON.createArrayNode();
        boolean first = true;
        for (JsonNode message : openAi) {
            String role = message.path("role").asText("");
            switch (role) {
                case "system", "developer" -> {
                    if (!(first && !forcedSystemPrompt.isEmpty())) {
                        system.add(text(message.path("content")));
                    }
                }
                case "user" -> append(messages, "user", blocks(message.path("content"), images));
                case "assistant" -> append(messages, "assistant", assistantBlocks(message, images));
                case "tool" -> append(messages, "user", List.of(toolResult(message, images)));
                default -> throw new IllegalArgumentException("unsupported message role: " + role);
            }
            first = false;
        }
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must contain at least one user or assistant message");
        }
        return new ClaudeMessages(String.join("\n\n", system.stream().filter(s -> !s.isBlank()).toList()),
                messages);
    }

    private static void append(ArrayNode messages, String role, List<ObjectNode> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        JsonNode last = messages.isEmpty() ? null : messages.get(messages.size() - 1);
        ArrayNode content;
        if (last != null && role.equals(last.path("role").asText())) {
            content = (ArrayNode) last.get("content");
        } else {
            ObjectNode message = messages.addObject().put("role", role);
            content = message.putArray("content");
        }
        content.addAll(blocks);
    }

    /** The text of a string or of the text parts of an array, parts on separate lines. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> parts = new ArrayList<>();
        content.forEach(part -> {
            if ("text".equals(part.path("type").asText())) {
                parts.add(part.path("text").asText(""));
            }
        });
        return String.join("\n", parts);
    }

    private static List<ObjectNode> blocks(JsonNode content, Function<String, Optional<InlineImage>> images) {
        List<ObjectNode> blocks = new ArrayList<>();
        if (content.isTextual()) {
            addText(blocks, content.asText());
            return blocks;
        }
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> addText(blocks, part.path("text").asText(""));
                case "refusal" -> addText(blocks, part.path("refusal").asText(""));
                case "image_url" -> blocks.add(image(part.path("image_url"), images));
                default -> throw new IllegalArgumentException("unsupported content part type: " + type);
            }
        }
        return blocks;
    }

    private static void addText(List<ObjectNode> blocks, String text) {
        // Claude refuses empty text blocks.
        if (!text.isEmpty()) {
            blocks.add(JSON.createObjectNode().put("type", "text").put("text", text));
        }
    }

    private static List<ObjectNode> assistantBlocks(JsonNode message, Function<String, Optional<InlineImage>> images) {
        List<ObjectNode> blocks = blocks(message.path("content"), images);
        for (JsonNode call : message.path("tool_calls")) {
            JsonNode function = call.path("function");
            String name = function.path("name").asText("");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("an assistant tool call has no function name");
            }
            blocks.add(JSON.createObjectNode().put("type", "tool_use").put("id", call.path("id").asText(""))
                    .put("name", name).set("input", arguments(function.path("arguments"))));
        }
        return blocks;
    }

    /** Tool call arguments (a JSON string in OpenAI) as the object Claude wants; blank means none. */
    private static JsonNode arguments(JsonNode arguments) {
        if (arguments.isObject()) {
            return arguments;
        }
        String text = arguments.asText("");
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode parsed = JSON.readTree(text);
            if (parsed != null && parsed.isObject()) {
                return parsed;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalArgumentException("tool call arguments must be a JSON object: " + abbreviate(text));
    }

    private static ObjectNode toolResult(JsonNode message, Function<String, Optional<InlineImage>> images) {
        String id = message.path("tool_call_id").asText("");
        if (id.isEmpty()) {
            throw new IllegalArgumentException("a tool message has no tool_call_id");
        }
        ObjectNode result = JSON.createObjectNode().put("type", "tool_result").put("tool_use_id", id);
        JsonNode content = message.path("content");
        if (content.isTextual()) {
            if (!content.asText().isEmpty()) {
                result.put("content", content.asText());
            }
        } else if (content.isArray()) {
            result.putArray("content").addAll(blocks(content, images));
        }
        return result;
    }

    private static ObjectNode image(JsonNode imageUrl, Function<String, Optional<InlineImage>> images) {
        String url = imageUrl.isTextual() ? imageUrl.asText() : imageUrl.path("url").asText("");
        String mediaType;
        String data;
        if (url.regionMatches(true, 0, "data:", 0, 5)) {
            int comma = url.indexOf(',');
            String meta = comma < 0 ? "" : url.substring(5, comma);
            if (!meta.toLowerCase(Locale.ROOT).endsWith(";base64") || meta.indexOf(';') <= 0) {
                throw new IllegalArgumentException("image data URLs must be base64 with a media type");
            }
            mediaType = meta.substring(0, meta.indexOf(';')).toLowerCase(Locale.ROOT);
            data = url.substring(comma + 1).strip();
        } else {
            InlineImage fetched = images.apply(url).orElseThrow(() ->
                    new IllegalArgumentException("image " + abbreviate(url) + " could not be used: only data: URLs"
                            + " and fetched http(s) URLs are supported"));
            mediaType = fetched.mediaType();
            data = Base64.getEncoder().encodeToString(fetched.data());
        }
        ObjectNode block = JSON.createObjectNode().put("type", "image");
        block.putObject("source").put("type", "base64").put("media_type", mediaType).put("data", data);
        return block;
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 100) + "..." : text;
    }
}
