package io.oneapi.plugin.assorted.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.oneapi.plugin.assorted.common.ChatMessage;
import io.oneapi.plugin.assorted.common.ChatMessages;
import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.plugin.assorted.common.RequestFields;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.InlineImage;
import java.util.Base64;

/**
 * An OpenAI chat request as the body of Ollama's {@code POST /api/chat}: messages with their images as
 * base64, sampling parameters under {@code options} ({@code max_tokens} becomes {@code num_predict}),
 * {@code response_format} as {@code format}, tools in OpenAI's own shape (which Ollama accepts).
 */
final class OllamaChatBody {
    private OllamaChatBody() {
    }

    static ObjectNode of(ClientRequest request, ExchangeContext context) {
        JsonNode openAi = request.json();
        ObjectNode body = JsonBodies.object().put("model", context.upstreamModel());
        ArrayNode messages = body.putArray("messages");
        for (ChatMessage message : ChatMessages.of(openAi, context.systemPrompt())) {
            messages.add(message(message, request));
        }
        // Ollama streams unless told otherwise, so the flag is always sent.
        body.put("stream", context.stream());
        ObjectNode options = options(openAi);
        if (!options.isEmpty()) {
            body.set("options", options);
        }
        JsonNode format = format(openAi.path("response_format"));
        if (format != null) {
            body.set("format", format);
        }
        RequestFields.copy(openAi, "tools", body, "tools");
        return body;
    }

    private static ObjectNode message(ChatMessage message, ClientRequest request) {
        ObjectNode out = JsonBodies.object().put("role", message.role()).put("content", message.text());
        ArrayNode images = JsonBodies.array();
        for (String url : message.imageUrls()) {
            images.add(base64(url, request));
        }
        if (!images.isEmpty()) {
            out.set("images", images);
        }
        JsonNode toolCalls = message.raw().path("tool_calls");
        if (toolCalls.isArray() && !toolCalls.isEmpty()) {
            out.set("tool_calls", toolCalls(toolCalls));
        }
        return out;
    }

    /** A data URL is decoded here; any other URL must have been fetched by the core (NeedsInlineImages). */
    private static String base64(String url, ClientRequest request) {
        if (url.startsWith("data:")) {
            int comma = url.indexOf(',');
            if (comma < 0 || !url.substring(0, comma).endsWith(";base64")) {
                throw new IllegalArgumentException("image data URL is not base64");
            }
            return url.substring(comma + 1);
        }
        InlineImage image = request.inlineImage(url).orElseThrow(() ->
                new IllegalArgumentException("the image " + url + " could not be fetched for Ollama"));
        return Base64.getEncoder().encodeToString(image.data());
    }

    /** OpenAI's tool calls carry arguments as a JSON string; Ollama's as an object. */
    private static ArrayNode toolCalls(JsonNode openAiCalls) {
        ArrayNode calls = JsonBodies.array();
        for (JsonNode call : openAiCalls) {
            ObjectNode function = JsonBodies.object().put("name", call.path("function").path("name").asText(""));
            JsonNode arguments = call.path("function").path("arguments");
            JsonNode parsed = arguments.isTextual() ? JsonBodies.parse(arguments.asText()) : arguments;
            function.set("arguments", parsed.isObject() ? parsed : JsonBodies.object());
            calls.addObject().set("function", function);
        }
        return calls;
    }

    private static ObjectNode options(JsonNode openAi) {
        ObjectNode options = JsonBodies.object();
        RequestFields.copy(openAi, "seed", options, "seed");
        RequestFields.copy(openAi, "temperature", options, "temperature");
        RequestFields.copy(openAi, "top_p", options, "top_p");
        RequestFields.copy(openAi, "top_k", options, "top_k");
        RequestFields.copy(openAi, "frequency_penalty", options, "frequency_penalty");
        RequestFields.copy(openAi, "presence_penalty", options, "presence_penalty");
        RequestFields.copy(openAi, "num_ctx", options, "num_ctx");
        RequestFields.copyMaxTokens(openAi, options, "num_predict");
        RequestFields.copyStops(openAi, options, "stop");
        return options;
    }

    /** {@code json_object} becomes {@code "json"}, {@code json_schema} its schema; text needs nothing. */
    private static JsonNode format(JsonNode responseFormat) {
        return switch (responseFormat.path("type").asText("")) {
            case "json_object" -> TextNode.valueOf("json");
            case "json_schema" -> {
                JsonNode schema = responseFormat.path("json_schema").path("schema");
                yield schema.isObject() ? schema : null;
            }
            default -> null;
        };
    }
}
