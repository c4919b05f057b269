package io.oneapi.plugin.gemini;

import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.Header;

/**
 * Google AI Studio ({@code generativelanguage.googleapis.com}): {@code {base}/{version}/models/{model}:{method}}
 * with the channel key in {@code x-goog-api-key} (never in the query string, where it would be logged).
 *
 * <p>Version: the channel's {@code api_version} when set (the operator's explicit choice), else
 * {@code GEMINI_VERSION} (default {@code v1}). Because v1 lacks system instructions, tools, JSON output and
 * every model after the first generation, a {@code v1} default is raised to {@code v1beta} for any request
 * that needs it; other configured versions ({@code v1alpha} ...) are kept.
 */
final class AiStudioEndpoint implements GeminiEndpoint {
    static final String VERSION_SETTING = "GEMINI_VERSION";

    private final ExchangeContext context;

    AiStudioEndpoint(ExchangeContext context) {
        this.context = context;
    }

    @Override
    public String url(String model, String method, boolean beta) {
        String base = context.channel().baseUrl().isEmpty() ? GoogleChannelTypes.GOOGLE_API
                : context.channel().baseUrl();
        return base + "/" + version(beta) + "/models/" + model + ":" + method;
    }

    String version(boolean beta) {
        String configured = context.channel().setting("api_version", "");
        if (!configured.isEmpty()) {
            return configured;
        }
        String version = context.gatewaySetting(VERSION_SETTING, "v1");
        return beta && version.equals("v1") ? "v1beta" : version;
    }

    @Override
    public Header auth() {
        return new Header("x-goog-api-key", context.channel().key());
    }
}
