package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import java.util.List;

/**
 * Builds the {@code generateContent} body for an OpenAI chat completion request: contents and system
 * instruction ({@link GeminiContents}), one safety setting per harm category at the gateway's
 * {@code GEMINI_SAFETY_SETTING} threshold, {@link GenerationConfig} and {@link GeminiTools}.
 */
final class ChatToGemini {
    static final String SAFETY_SETTING = "GEMINI_SAFETY_SETTING";
    private static final List<String> HARM_CATEGORIES = List.of("HARM_CATEGORY_HARASSMENT",
            "HARM_CATEGORY_HATE_SPEECH", "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_DANGEROUS_CONTENT",
            "HARM_CATEGORY_CIVIC_INTEGRITY");

    private ChatToGemini() {
    }

    static ObjectNode body(JsonNode request, ExchangeContext context, ClientRequest client) {
        GeminiContents contents = new GeminiContents(new GeminiParts(client), context.upstreamModel())
                .addAll(request.path("messages"), context.systemPrompt());
        ObjectNode body = Json.object();
        ArrayNode turns = contents.contents();
        ObjectNode system = contents.systemInstruction();
        if (turns.isEmpty()) {
            // Gemini needs at least one turn; a request of system messages only becomes a user turn.
            if (system == null) {
                throw new IllegalArgumentException("the request has no message with content");
            }
            turns.addObject().put("role", "user").set("parts", system.get("parts"));
            system = null;
        }
        body.set("contents", turns);
        if (system != null) {
            body.set("systemInstruction", system);
        }
        String threshold = context.gatewaySetting(SAFETY_SETTING, "BLOCK_NONE");
        ArrayNode safety = body.putArray("safetySettings");
        for (String category : HARM_CATEGORIES) {
            safety.addObject().put("category", category).put("threshold", threshold);
        }
        ObjectNode config = GenerationConfig.of(request, context.upstreamModel());
        if (config != null) {
            body.set("generationConfig", config);
        }
        GeminiTools.apply(request, body);
        return body;
    }

    /** Whether the body uses fields the v1 API lacks (system instructions, tools, JSON output). */
    static boolean needsBeta(ObjectNode body) {
        JsonNode config = body.path("generationConfig");
        return body.has("systemInstruction") || body.has("tools") || body.has("toolConfig")
                || config.has("responseMimeType") || config.has("responseSchema");
    }
}
