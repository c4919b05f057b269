package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * OpenAI sampling parameters as Gemini's {@code generationConfig}: temperature, top_p, top_k, max_tokens
 * (or max_completion_tokens), stop, n, presence and frequency penalties, seed, and {@code response_format}
 * ({@code json_object} asks for {@code application/json}; {@code json_schema} adds the schema, rewritten by
 * {@link GeminiSchema}), and {@code reasoning_effort} as a {@code thinkingConfig}: Gemini 3 models take it as a
 * {@code thinkingLevel}, earlier ones as a {@code thinkingBudget} of 1,024, 8,192 or 24,576 tokens for low, medium
 * and high (the mapping of Google's own OpenAI-compatible endpoint), 0 for none.
 */
final class GenerationConfig {

    private GenerationConfig() {
    }

    /** The config for {@code model}, or null when the request sets none of these. */
    static ObjectNode of(JsonNode request, String model) {
        ObjectNode config = Json.object();
        copyNumber(request, "temperature", config, "temperature");
        copyNumber(request, "top_p", config, "topP");
        copyNumber(request, "top_k", config, "topK");
        copyNumber(request, request.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens",
                config, "maxOutputTokens");
        copyNumber(request, "n", config, "candidateCount");
        copyNumber(request, "presence_penalty", config, "presencePenalty");
        copyNumber(request, "frequency_penalty", config, "frequencyPenalty");
        copyNumber(request, "seed", config, "seed");
        JsonNode stop = request.path("stop");
        if (stop.isTextual()) {
            config.putArray("stopSequences").add(stop.asText());
        } else if (stop.isArray() && !stop.isEmpty()) {
            config.set("stopSequences", stop);
        }
        responseFormat(request.path("response_format"), config);
        thinking(request.path("reasoning_effort"), model, config);
        return config.isEmpty() ? null : config;
    }

    private static void thinking(JsonNode effort, String model, ObjectNode config) {
        if (effort.isMissingNode() || effort.isNull()) {
            return;
        }
        String level = effort.asText("");
        if (!effort.isTextual() || !List.of("none", "minimal", "low", "medium", "high").contains(level)) {
            throw new IllegalArgumentException("reasoning_effort must be one of none, minimal, low, medium, high");
        }
        ObjectNode thinking = config.putObject("thinkingConfig");
        if (model.startsWith("gemini-3")) {
            // Gemini 3 cannot stop thinking; its least is "minimal" (Flash) and it refuses a budget with a level.
            thinking.put("thinkingLevel", level.equals("none") ? "minimal" : level);
            return;
        }
        thinking.put("thinkingBudget", switch (level) {
            case "none" -> 0;
            case "minimal", "low" -> 1_024;
            case "medium" -> 8_192;
            default -> 24_576;
        });
    }

    private static void responseFormat(JsonNode format, ObjectNode config) {
        switch (format.path("type").asText("")) {
            case "json_object" -> config.put("responseMimeType", "application/json");
            case "json_schema" -> {
                config.put("responseMimeType", "application/json");
                JsonNode schema = format.path("json_schema").path("schema");
                if (schema.isObject()) {
                    config.set("responseSchema", GeminiSchema.clean(schema));
                }
            }
            case "", "text" -> {
                // Plain text is Gemini's default.
            }
            default -> throw new IllegalArgumentException("unsupported response_format type '"
                    + format.path("type").asText() + "'");
        }
    }

    private static void copyNumber(JsonNode from, String name, ObjectNode to, String as) {
        JsonNode value = from.path(name);
        if (value.isNumber()) {
            to.set(as, value);
        } else if (!value.isMissingNode() && !value.isNull()) {
            throw new IllegalArgumentException(name + " must be a number");
        }
    }
}
