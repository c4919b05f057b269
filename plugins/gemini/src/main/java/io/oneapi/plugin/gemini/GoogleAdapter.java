package io.oneapi.plugin.gemini;

import io.oneapi.plugin.anthropic.ClaudeTranslation;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.NeedsInlineImages;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.UpstreamHeaders;
import org.pf4j.Extension;

/**
 * Google's native APIs: Gemini on AI Studio (type 24: chat and embeddings), Vertex AI (type 42: chat with
 * Gemini and Claude models, with a service-account OAuth token) and the legacy PaLM 2 chat (type 11).
 * Gemini and Claude take images inline only, so the core fetches http(s) image URLs for chat requests.
 * Errors are Google's google.rpc.Status JSON, classified by {@link GoogleErrors}, except the errors of
 * Claude models on Vertex, which come in Anthropic's format and are classified as the anthropic plugin
 * classifies them.
 */
@Extension
public final class GoogleAdapter implements ProviderAdapter, NeedsInlineImages {
    static final String ID = "gemini";

    private final ProviderDescriptor descriptor =
            new ProviderDescriptor(ID, "Google Gemini, Vertex AI and PaLM", GoogleChannelTypes.all());

    @Override
    public ProviderDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        return switch (context.channel().type()) {
            case GoogleChannelTypes.PALM -> new OpenAiToPalmExchange(context);
            case GoogleChannelTypes.VERTEX_AI -> new OpenAiToVertexExchange(context);
            default -> context.mode() == RelayMode.EMBEDDINGS
                    ? new OpenAiToGeminiEmbeddingsExchange(context, new AiStudioEndpoint(context))
                    : new OpenAiToGeminiExchange(context, new AiStudioEndpoint(context));
        };
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        // Vertex answers Claude's own failures (overloaded, prompt too long) with Anthropic's error body and
        // its own (quota, credentials, unknown model) with Google's.
        return ClaudeTranslation.isClaudeError(body) ? ClaudeTranslation.classifyError(status, body)
                : GoogleErrors.classify(status, body);
    }

    @Override
    public boolean needsInlineImages(ExchangeContext context) {
        return context.channel().type() != GoogleChannelTypes.PALM && context.mode() == RelayMode.CHAT_COMPLETIONS;
    }
}
