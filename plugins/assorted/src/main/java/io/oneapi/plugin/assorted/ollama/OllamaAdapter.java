package io.oneapi.plugin.assorted.ollama;

import io.oneapi.plugin.assorted.common.ResponseStamp;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.NeedsInlineImages;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import java.util.List;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * Ollama (channel type 30): chat on {@code /api/chat} with its NDJSON stream, embeddings on
 * {@code /api/embed} (the endpoint that superseded {@code /api/embeddings}, takes a list and reports
 * {@code prompt_eval_count}). Ollama wants images inline, so the core fetches {@code http(s)} image URLs.
 * Error bodies are {@code {"error": "..."}}, which the SPI's default classification reads.
 */
@Extension
public final class OllamaAdapter implements ProviderAdapter, NeedsInlineImages {
    static final int TYPE = 30;
    static final String DEFAULT_BASE_URL = "http://localhost:11434";
    private static final List<String> MODELS = List.of("codellama:7b-instruct", "llama2:7b", "llama2:latest",
            "llama3:latest", "phi3:latest", "qwen:0.5b-chat", "qwen:7b");
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("ollama", "Ollama",
            List.of(new ChannelTypeInfo(TYPE, "Ollama", DEFAULT_BASE_URL, MODELS, List.of(), "ollama")));

    private final Supplier<ResponseStamp> stamps;

    public OllamaAdapter() {
        this(ResponseStamp::now);
    }

    OllamaAdapter(Supplier<ResponseStamp> stamps) {
        this.stamps = stamps;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        return switch (context.mode()) {
            case CHAT_COMPLETIONS -> new OpenAiToOllamaExchange(context, stamps.get());
            case EMBEDDINGS -> new OpenAiToOllamaEmbedExchange(context);
            default -> throw new IllegalArgumentException("Ollama channels do not support " + context.requestPath());
        };
    }

    @Override
    public boolean needsInlineImages(ExchangeContext context) {
        return context.mode() == RelayMode.CHAT_COMPLETIONS;
    }
}
