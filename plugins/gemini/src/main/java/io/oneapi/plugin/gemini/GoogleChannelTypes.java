package io.oneapi.plugin.gemini;

import io.oneapi.spi.ChannelTypeInfo;
import java.util.List;
import java.util.stream.Stream;

/**
 * The channel types this plugin serves, with One API's labels, channel names ({@code owned_by}) and default
 * model lists (inventory sections 4.2 and 4.5), extended by the current Gemini 2.5 models and, on Vertex
 * AI, by the later Claude models (see {@link VertexClaudeModels}).
 */
final class GoogleChannelTypes {
    static final int PALM = 11;
    static final int GEMINI = 24;
    static final int VERTEX_AI = 42;
    static final String GOOGLE_API = "https://generativelanguage.googleapis.com";

    private static final List<String> GEMINI_MODELS = List.of(
            "gemini-pro", "gemini-1.0-pro", "gemini-1.5-flash", "gemini-1.5-flash-8b", "gemini-1.5-pro",
            "gemini-1.5-pro-experimental", "text-embedding-004", "aqa", "gemini-2.0-flash", "gemini-2.0-flash-exp",
            "gemini-2.0-flash-lite-preview-02-05", "gemini-2.0-flash-thinking-exp-01-21", "gemini-2.0-pro-exp-02-05",
            "gemini-2.5-pro", "gemini-2.5-flash", "gemini-2.5-flash-lite", "gemini-embedding-001");
    private static final List<String> VERTEX_GEMINI_MODELS = List.of(
            "gemini-pro", "gemini-pro-vision", "gemini-exp-1206", "gemini-1.5-pro-001", "gemini-1.5-pro-002",
            "gemini-1.5-flash-001", "gemini-1.5-flash-002", "gemini-2.0-flash-exp", "gemini-2.0-flash-001",
            "gemini-2.0-flash-lite-preview-02-05", "gemini-2.0-flash-thinking-exp-01-21", "gemini-2.5-pro",
            "gemini-2.5-flash", "gemini-2.5-flash-lite");
    private static final List<String> VERTEX_MODELS =
            Stream.concat(VertexClaudeModels.DEFAULTS.stream(), VERTEX_GEMINI_MODELS.stream()).toList();

    private GoogleChannelTypes() {
    }

    static List<ChannelTypeInfo> all() {
        return List.of(
                new ChannelTypeInfo(PALM, "Google PaLM2", GOOGLE_API, List.of("PaLM-2"), List.of(), "google palm"),
                new ChannelTypeInfo(GEMINI, "Google Gemini", GOOGLE_API, GEMINI_MODELS, List.of("api_version"),
                        "google gemini"),
                new ChannelTypeInfo(VERTEX_AI, "VertexAI", "", VERTEX_MODELS,
                        List.of("region", "vertex_ai_project_id", "vertex_ai_adc"), "vertexai"));
    }
}
