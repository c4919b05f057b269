package io.oneapi.plugin.china.qwen;

import io.oneapi.plugin.china.common.ServedModes;
import io.oneapi.plugin.china.common.Stamp;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.UpstreamHeaders;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * Ali's Qwen on DashScope's native API (channel type 17, "阿里通义千问"): text generation, embeddings and
 * image synthesis (an asynchronous task the core polls). The channel setting {@code plugin} is sent as
 * {@code X-DashScope-Plugin}. Ali Bailian (type 49) is OpenAI-compatible and served by the OpenAI plugin.
 */
@Extension
public final class QwenAdapter implements ProviderAdapter {
    static final int TYPE = 17;
    static final String DEFAULT_BASE_URL = "https://dashscope.aliyuncs.com";
    private static final List<String> MODELS = List.of("qwen-turbo", "qwen-turbo-latest", "qwen-plus",
            "qwen-plus-latest", "qwen-max", "qwen-max-latest", "qwen-max-longcontext", "qwen-vl-max",
            "qwen-vl-max-latest", "qwen-vl-plus", "qwen-vl-plus-latest", "qwen-vl-ocr", "qwen-vl-ocr-latest",
            "qwen-audio-turbo", "qwen-math-plus", "qwen-math-plus-latest", "qwen-math-turbo",
            "qwen-math-turbo-latest", "qwen-coder-plus", "qwen-coder-plus-latest", "qwen-coder-turbo",
            "qwen-coder-turbo-latest", "qwq-32b-preview", "qwen2.5-72b-instruct", "qwen2.5-32b-instruct",
            "qwen2.5-14b-instruct", "qwen2.5-7b-instruct", "qwen2.5-3b-instruct", "qwen2.5-1.5b-instruct",
            "qwen2.5-0.5b-instruct", "qwen2-72b-instruct", "qwen2-57b-a14b-instruct", "qwen2-7b-instruct",
            "qwen2-1.5b-instruct", "qwen2-0.5b-instruct", "qwen1.5-110b-chat", "qwen1.5-72b-chat",
            "qwen1.5-32b-chat", "qwen1.5-14b-chat", "qwen1.5-7b-chat", "qwen1.5-1.8b-chat", "qwen1.5-0.5b-chat",
            "qwen-72b-chat", "qwen-14b-chat", "qwen-7b-chat", "qwen-1.8b-chat", "qwen-1.8b-longcontext-chat",
            "qvq-72b-preview", "qwen2.5-vl-72b-instruct", "qwen2.5-vl-7b-instruct", "qwen2.5-vl-2b-instruct",
            "qwen2.5-vl-1b-instruct", "qwen2.5-vl-0.5b-instruct", "qwen2-vl-7b-instruct", "qwen2-vl-2b-instruct",
            "qwen-vl-v1", "qwen-vl-chat-v1", "qwen2-audio-instruct", "qwen-audio-chat", "qwen2.5-math-72b-instruct",
            "qwen2.5-math-7b-instruct", "qwen2.5-math-1.5b-instruct", "qwen2-math-72b-instruct",
            "qwen2-math-7b-instruct", "qwen2-math-1.5b-instruct", "qwen2.5-coder-32b-instruct",
            "qwen2.5-coder-14b-instruct", "qwen2.5-coder-7b-instruct", "qwen2.5-coder-3b-instruct",
            "qwen2.5-coder-1.5b-instruct", "qwen2.5-coder-0.5b-instruct", "text-embedding-v1", "text-embedding-v3",
            "text-embedding-v2", "text-embedding-async-v2", "text-embedding-async-v1", "ali-stable-diffusion-xl",
            "ali-stable-diffusion-v1.5", "wanx-v1", "qwen-mt-plus", "qwen-mt-turbo", "deepseek-r1", "deepseek-v3",
            "deepseek-r1-distill-qwen-1.5b", "deepseek-r1-distill-qwen-7b", "deepseek-r1-distill-qwen-14b",
            "deepseek-r1-distill-qwen-32b", "deepseek-r1-distill-llama-8b", "deepseek-r1-distill-llama-70b");
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("ali", "Ali Qwen (DashScope)",
            List.of(new ChannelTypeInfo(TYPE, "阿里通义千问", DEFAULT_BASE_URL, MODELS,
                    List.of(QwenRequests.PLUGIN_SETTING), "ali")));

    private final Supplier<Stamp> stamps;

    public QwenAdapter() {
        this(Stamp::now);
    }

    QwenAdapter(Supplier<Stamp> stamps) {
        this.stamps = stamps;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        ServedModes.require(context, "Ali DashScope", Set.of(RelayMode.CHAT_COMPLETIONS, RelayMode.EMBEDDINGS,
                RelayMode.IMAGES_GENERATIONS));
        return switch (context.mode()) {
            case EMBEDDINGS -> new EmbeddingsToQwenExchange(context, stamps.get());
            case IMAGES_GENERATIONS -> new ImagesToWanxExchange(context, stamps.get());
            default -> new OpenAiToQwenExchange(context, stamps.get());
        };
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        return QwenErrors.classify(status, body);
    }
}
