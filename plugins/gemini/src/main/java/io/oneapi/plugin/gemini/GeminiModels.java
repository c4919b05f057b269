package io.oneapi.plugin.gemini;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a model name tells about the Gemini API: how it goes into a URL and which generation it is. */
final class GeminiModels {
    private static final Pattern SAFE_SEGMENT = Pattern.compile("[A-Za-z0-9._@-]+");
    private static final Pattern MAJOR_VERSION = Pattern.compile("gemini-(\\d+)([.-].*)?");

    private GeminiModels() {
    }

    /**
     * The model as a URL path segment, without a {@code models/} prefix. Anything that could leave the
     * segment ({@code /}, {@code ?}, {@code :}, {@code %} ...) is refused rather than escaped: no Google model
     * name contains such characters.
     */
    static String pathSegment(String model) {
        String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
        if (!SAFE_SEGMENT.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid model name for Google: '" + model + "'");
        }
        return name;
    }

    /** gemini-pro and gemini-1.0-*: the first generation, served by v1, without system instructions. */
    static boolean firstGeneration(String model) {
        return model.equals("gemini-pro") || model.startsWith("gemini-pro-") || model.startsWith("gemini-1.0");
    }

    /** Gemini 3 and later reject a replayed function call whose thought signature is missing. */
    static boolean requiresThoughtSignatures(String model) {
        Matcher m = MAJOR_VERSION.matcher(model);
        return m.matches() && m.group(1).length() < 4 && Integer.parseInt(m.group(1)) >= 3;
    }
}
