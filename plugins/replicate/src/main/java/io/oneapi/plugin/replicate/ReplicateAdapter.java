package io.oneapi.plugin.replicate;

import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.UpstreamHeaders;
import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.pf4j.Extension;

/**
 * Replicate (channel type 46): chat completions by language models and image generations by image models,
 * each a prediction of an official model named {@code owner/name} (the channel's model mapping may point
 * anywhere; One API accepted only its built-in list). Bearer key.
 */
@Extension
public final class ReplicateAdapter implements ProviderAdapter {
    static final int TYPE = 46;
    static final String DEFAULT_BASE_URL = "https://api.replicate.com";
    private static final List<String> MODELS = List.of("black-forest-labs/flux-1.1-pro",
            "black-forest-labs/flux-1.1-pro-ultra", "black-forest-labs/flux-canny-dev",
            "black-forest-labs/flux-canny-pro", "black-forest-labs/flux-depth-dev", "black-forest-labs/flux-depth-pro",
            "black-forest-labs/flux-dev", "black-forest-labs/flux-dev-lora", "black-forest-labs/flux-fill-dev",
            "black-forest-labs/flux-fill-pro", "black-forest-labs/flux-pro", "black-forest-labs/flux-redux-dev",
            "black-forest-labs/flux-redux-schnell", "black-forest-labs/flux-schnell",
            "black-forest-labs/flux-schnell-lora", "ideogram-ai/ideogram-v2", "ideogram-ai/ideogram-v2-turbo",
            "recraft-ai/recraft-v3", "recraft-ai/recraft-v3-svg", "stability-ai/stable-diffusion-3",
            "stability-ai/stable-diffusion-3.5-large", "stability-ai/stable-diffusion-3.5-large-turbo",
            "stability-ai/stable-diffusion-3.5-medium", "ibm-granite/granite-20b-code-instruct-8k",
            "ibm-granite/granite-3.0-2b-instruct", "ibm-granite/granite-3.0-8b-instruct",
            "ibm-granite/granite-8b-code-instruct-128k", "meta/llama-2-13b", "meta/llama-2-13b-chat",
            "meta/llama-2-70b", "meta/llama-2-70b-chat", "meta/llama-2-7b", "meta/llama-2-7b-chat",
            "meta/meta-llama-3.1-405b-instruct", "meta/meta-llama-3-70b", "meta/meta-llama-3-70b-instruct",
            "meta/meta-llama-3-8b", "meta/meta-llama-3-8b-instruct", "mistralai/mistral-7b-instruct-v0.2",
            "mistralai/mistral-7b-v0.1", "mistralai/mixtral-8x7b-instruct-v0.1");
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("replicate", "Replicate",
            List.of(new ChannelTypeInfo(TYPE, "Replicate", DEFAULT_BASE_URL, MODELS, List.of(), "replicate")));

    private final Function<String, ChatAnswer> answers;
    private final LongSupplier clockSeconds;

    public ReplicateAdapter() {
        this(ChatAnswer::fresh, () -> System.currentTimeMillis() / 1000);
    }

    /** With fixed answer ids and times, for tests: {@code answers} makes the answer of a model. */
    ReplicateAdapter(Function<String, ChatAnswer> answers, LongSupplier clockSeconds) {
        this.answers = answers;
        this.clockSeconds = clockSeconds;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        if (context.mode() == RelayMode.IMAGES_GENERATIONS) {
            return new ImagesToReplicateExchange(context, clockSeconds.getAsLong());
        }
        if (context.mode() != RelayMode.CHAT_COMPLETIONS) {
            throw new IllegalArgumentException("Replicate channels do not serve " + context.requestPath());
        }
        return new OpenAiToReplicateExchange(context, answers.apply(context.upstreamModel()));
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        return ReplicateErrors.classify(status, body);
    }
}
