package io.oneapi.plugin.gemini;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Claude model names on Vertex AI. Vertex names a model version with {@code @} ({@code claude-3-haiku@20240307})
 * where Anthropic's API uses a dash ({@code claude-3-haiku-20240307}); clients and model mappings mostly use
 * Anthropic's names, so those are translated. Anthropic's published table (docs "Claude on Vertex AI") is
 * regular except for Claude 3.5 Sonnet v2, and the {@code -latest} aliases have no Vertex counterpart.
 */
final class VertexClaudeModels {
    /** The Vertex channel's default Claude models: One API's list, then the later ones Anthropic publishes. */
    static final List<String> DEFAULTS = List.of("claude-3-haiku@20240307", "claude-3-sonnet@20240229",
            "claude-3-opus@20240229", "claude-3-5-sonnet@20240620", "claude-3-5-sonnet-v2@20241022",
            "claude-3-5-haiku@20241022", "claude-3-7-sonnet@20250219", "claude-sonnet-4@20250514",
            "claude-opus-4@20250514", "claude-opus-4-1@20250805", "claude-sonnet-4-5@20250929");

    private static final Map<String, String> IRREGULAR = Map.of(
            "claude-3-5-sonnet-20241022", "claude-3-5-sonnet-v2@20241022",
            "claude-3-5-sonnet-latest", "claude-3-5-sonnet-v2@20241022",
            "claude-3-5-haiku-latest", "claude-3-5-haiku@20241022",
            "claude-3-7-sonnet-latest", "claude-3-7-sonnet@20250219");
    private static final Pattern DATED = Pattern.compile("(claude-.+)-(\\d{8})");

    private VertexClaudeModels() {
    }

    /** Whether {@code model} is served by Anthropic's publisher on Vertex rather than Google's. */
    static boolean isClaude(String model) {
        return model.toLowerCase(Locale.ROOT).startsWith("claude");
    }

    /**
     * The Vertex name of a Claude model, as a URL path segment: Vertex names ({@code @...}) as they are,
     * Anthropic's dated names with {@code @} before the date, other names unchanged (Vertex answers an
     * unknown one with 404, a bad request).
     *
     * @throws IllegalArgumentException when the name could leave its URL path segment
     */
    static String vertexName(String model) {
        String name = GeminiModels.pathSegment(model);
        if (name.contains("@")) {
            return name;
        }
        String irregular = IRREGULAR.get(name);
        if (irregular != null) {
            return irregular;
        }
        Matcher dated = DATED.matcher(name);
        return dated.matches() ? dated.group(1) + "@" + dated.group(2) : name;
    }
}
