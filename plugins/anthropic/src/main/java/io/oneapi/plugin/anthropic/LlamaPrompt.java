package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * OpenAI chat messages as one Llama 3 instruct prompt (Meta's chat template, which Bedrock's Llama models take
 * as plain text): each message as {@code <|start_header_id|>role<|end_header_id|>\n\ncontent<|eot_id|>} after
 * {@code <|begin_of_text|>}, ending with an open assistant header for the model to complete. The channel's system
 * prompt replaces a leading system message, or comes first.
 */
final class LlamaPrompt {
    private LlamaPrompt() {
    }

    /** @throws IllegalArgumentException for what a text prompt cannot carry (images, tool calls) */
    static String render(JsonNode messages, String forcedSystemPrompt) {
        if (!messages.isArray() || messages.isEmpty()) {
            throw new IllegalArgumentException("messages must be a non-empty array");
        }
        StringBuilder prompt = new StringBuilder("<|begin_of_text|>");
        if (!forcedSystemPrompt.isEmpty()) {
            turn(prompt, "system", forcedSystemPrompt);
        }
        boolean first = true;
        for (JsonNode message : messages) {
            String role = message.path("role").asText("");
            switch (role) {
                case "system", "developer" -> {
                    if (!(first && !forcedSystemPrompt.isEmpty())) {
                        turn(prompt, "system", text(message.path("content")));
                    }
                }
                case "user", "assistant" -> {
                    if (message.has("tool_calls")) {
                        throw new IllegalArgumentException("tool calls are not supported by Llama on AWS Bedrock");
                    }
                    turn(prompt, role, text(message.path("content")));
                }
                default -> throw new IllegalArgumentException("unsupported message role for Llama on AWS Bedrock: "
                        + role);
            }
            first = false;
        }
        return prompt.append("<|start_header_id|>assistant<|end_header_id|>\n\n").toString();
    }

    private static void turn(StringBuilder prompt, String role, String content) {
        prompt.append("<|start_header_id|>").append(role).append("<|end_header_id|>\n\n").append(content)
                .append("<|eot_id|>");
    }

    /** A string, or the text parts of a content array joined by newlines. */
    private static String text(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        if (content.isNull() || content.isMissingNode()) {
            return "";
        }
        if (!content.isArray()) {
            throw new IllegalArgumentException("message content must be a string or an array of parts");
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            if (!"text".equals(part.path("type").asText())) {
                throw new IllegalArgumentException("only text content is supported by Llama on AWS Bedrock");
            }
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(part.path("text").asText(""));
        }
        return text.toString();
    }
}
