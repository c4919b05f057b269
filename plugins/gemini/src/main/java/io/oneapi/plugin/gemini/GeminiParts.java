package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.InlineImage;
import java.util.Base64;
import java.util.Locale;

/**
 * Turns the content of one OpenAI message (a string or an array of typed parts) into Gemini parts: text,
 * and {@code inlineData} for images, audio and files. {@code data:} URLs are decoded here; http(s) image
 * URLs must have been fetched by the core's guarded fetcher ({@link ClientRequest#inlineImage}), because
 * Gemini takes images inline only.
 */
final class GeminiParts {
    /** Gemini's limit per message (One API enforced it too). */
    static final int MAX_IMAGES_PER_MESSAGE = 16;

    private final ClientRequest request;

    GeminiParts(ClientRequest request) {
        this.request = request;
    }

    /** Every part of a user message. */
    ArrayNode of(JsonNode content) {
        ArrayNode parts = Json.MAPPER.createArrayNode();
        if (content.isTextual()) {
            addText(parts, content.asText());
            return parts;
        }
        if (!content.isArray()) {
            if (content.isNull() || content.isMissingNode()) {
                return parts;
            }
            throw new IllegalArgumentException("message content must be a string or an array of parts");
        }
        int images = 0;
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            switch (type) {
                case "text" -> addText(parts, part.path("text").asText(""));
                case "image_url" -> {
                    if (++images > MAX_IMAGES_PER_MESSAGE) {
                        throw new IllegalArgumentException("Gemini accepts at most " + MAX_IMAGES_PER_MESSAGE
                                + " images per message");
                    }
                    parts.add(image(imageUrl(part)));
                }
                case "input_audio" -> parts.add(inlineData("audio/" + part.path("input_audio").path("format")
                        .asText("wav").toLowerCase(Locale.ROOT), part.path("input_audio").path("data").asText("")));
                case "file" -> parts.add(file(part.path("file")));
                default -> throw new IllegalArgumentException("unsupported content part type '" + type
                        + "' for Gemini");
            }
        }
        return parts;
    }

    /** Only the text of a message (system, assistant): other part types are refused. */
    static String textOf(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder text = new StringBuilder();
        for (JsonNode part : content) {
            String type = part.path("type").asText("");
            if (!type.equals("text") && !type.equals("refusal")) {
                throw new IllegalArgumentException("only text parts are allowed here, not '" + type + "'");
            }
            text.append(part.path(type).asText(""));
        }
        return text.toString();
    }

    static void addText(ArrayNode parts, String text) {
        if (!text.isEmpty()) {
            parts.addObject().put("text", text);
        }
    }

    private static String imageUrl(JsonNode part) {
        JsonNode url = part.path("image_url");
        return url.isTextual() ? url.asText() : url.path("url").asText("");
    }

    private ObjectNode image(String url) {
        if (url.startsWith("data:")) {
            return dataUrl(url);
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            throw new IllegalArgumentException("image_url must be a data: or http(s) URL");
        }
        InlineImage image = request.inlineImage(url).orElseThrow(() -> new IllegalArgumentException(
                "the image at " + abbreviate(url) + " could not be fetched; send it as a data: URL"));
        return inlineData(image.mediaType(), Base64.getEncoder().encodeToString(image.data()));
    }

    private static ObjectNode file(JsonNode file) {
        String data = file.path("file_data").asText("");
        if (!data.startsWith("data:")) {
            throw new IllegalArgumentException("Gemini needs files inline: give file.file_data as a data: URL");
        }
        return dataUrl(data);
    }

    /** {@code data:<media type>;base64,<data>} as an inline data part. */
    static ObjectNode dataUrl(String url) {
        int comma = url.indexOf(',');
        String meta = comma < 0 ? "" : url.substring("data:".length(), comma);
        if (comma < 0 || !meta.endsWith(";base64")) {
            throw new IllegalArgumentException("data: URLs must be base64 encoded (data:<type>;base64,...)");
        }
        String mediaType = meta.substring(0, meta.length() - ";base64".length());
        return inlineData(mediaType.isEmpty() ? "application/octet-stream" : mediaType, url.substring(comma + 1));
    }

    private static ObjectNode inlineData(String mediaType, String base64) {
        ObjectNode part = Json.object();
        part.putObject("inlineData").put("mimeType", mediaType).put("data", base64);
        return part;
    }

    private static String abbreviate(String url) {
        return url.length() <= 80 ? url : url.substring(0, 77) + "...";
    }
}
