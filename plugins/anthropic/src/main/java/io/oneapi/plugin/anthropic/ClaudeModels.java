package io.oneapi.plugin.anthropic;

import java.util.List;

/** Claude model names: One API's catalogue and its renames of retired names. */
final class ClaudeModels {
    /** The Anthropic channel's default models (One API, relay/adaptor/anthropic/constants.go). */
    static final List<String> ANTHROPIC = List.of("claude-instant-1.2", "claude-2.0", "claude-2.1",
            "claude-3-haiku-20240307", "claude-3-5-haiku-20241022", "claude-3-5-haiku-latest",
            "claude-3-sonnet-20240229", "claude-3-opus-20240229", "claude-3-5-sonnet-20240620",
            "claude-3-5-sonnet-20241022", "claude-3-5-sonnet-latest");

    private ClaudeModels() {
    }

    /** One API's legacy renames: {@code claude-instant-1} and {@code claude-2} no longer exist upstream. */
    static String currentName(String model) {
        return switch (model) {
            case "claude-instant-1" -> "claude-instant-1.1";
            case "claude-2" -> "claude-2.1";
            default -> model;
        };
    }
}
