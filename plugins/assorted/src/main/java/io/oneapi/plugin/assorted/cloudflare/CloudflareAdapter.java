package io.oneapi.plugin.assorted.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.plugin.assorted.common.ResponseStamp;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ErrorClassifier;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.UpstreamHeaders;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * Cloudflare Workers AI (channel type 37). Chat and embeddings use Workers AI's OpenAI-compatible
 * endpoints, so the core forwards those bytes untouched; text completions use the native
 * {@code /ai/run/{model}} endpoint and are translated. The account id is the channel setting
 * {@code user_id}; an AI Gateway base URL ending in {@code /workers-ai} is used as the prefix instead.
 * Errors come in Cloudflare's v4 envelope: {@code {"success": false, "errors": [{"code", "message"}]}}.
 */
@Extension
public final class CloudflareAdapter implements ProviderAdapter {
    static final int TYPE = 37;
    static final String DEFAULT_BASE_URL = "https://api.cloudflare.com";
    static final String ACCOUNT_SETTING = "user_id";
    private static final List<String> MODELS = List.of("@cf/meta/llama-2-7b-chat-fp16",
            "@cf/meta/llama-2-7b-chat-int8", "@cf/mistral/mistral-7b-instruct-v0.1",
            "@hf/thebloke/deepseek-coder-6.7b-base-awq", "@hf/thebloke/deepseek-coder-6.7b-instruct-awq",
            "@cf/deepseek-ai/deepseek-math-7b-base", "@cf/deepseek-ai/deepseek-math-7b-instruct",
            "@cf/thebloke/discolm-german-7b-v1-awq", "@cf/tiiuae/falcon-7b-instruct", "@cf/google/gemma-2b-it-lora",
            "@hf/google/gemma-7b-it", "@cf/google/gemma-7b-it-lora", "@hf/nousresearch/hermes-2-pro-mistral-7b",
            "@hf/thebloke/llama-2-13b-chat-awq", "@cf/meta-llama/llama-2-7b-chat-hf-lora",
            "@cf/meta/llama-3-8b-instruct", "@hf/thebloke/llamaguard-7b-awq",
            "@hf/thebloke/mistral-7b-instruct-v0.1-awq", "@hf/mistralai/mistral-7b-instruct-v0.2",
            "@cf/mistral/mistral-7b-instruct-v0.2-lora", "@hf/thebloke/neural-chat-7b-v3-1-awq",
            "@cf/openchat/openchat-3.5-0106", "@hf/thebloke/openhermes-2.5-mistral-7b-awq", "@cf/microsoft/phi-2",
            "@cf/qwen/qwen1.5-0.5b-chat", "@cf/qwen/qwen1.5-1.8b-chat", "@cf/qwen/qwen1.5-14b-chat-awq",
            "@cf/qwen/qwen1.5-7b-chat-awq", "@cf/defog/sqlcoder-7b-2", "@hf/nexusflow/starling-lm-7b-beta",
            "@cf/tinyllama/tinyllama-1.1b-chat-v1.0", "@hf/thebloke/zephyr-7b-beta-awq");
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("cloudflare",
            "Cloudflare Workers AI", List.of(new ChannelTypeInfo(TYPE, "Cloudflare", DEFAULT_BASE_URL, MODELS,
                    List.of(ACCOUNT_SETTING), "cloudflare")));

    private final Supplier<ResponseStamp> stamps;

    public CloudflareAdapter() {
        this(ResponseStamp::now);
    }

    CloudflareAdapter(Supplier<ResponseStamp> stamps) {
        this.stamps = stamps;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        return switch (context.mode()) {
            case CHAT_COMPLETIONS, EMBEDDINGS -> new OpenAiToWorkersAiExchange(context);
            case COMPLETIONS -> new CompletionsToWorkersAiExchange(context, stamps.get());
            default -> throw new IllegalArgumentException("Cloudflare channels do not support "
                    + context.requestPath());
        };
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode root = JsonBodies.parse(body);
        if (!root.path("errors").isArray()) {
            return ErrorClassifier.classifyOpenAiStyle(status, body);
        }
        JsonNode first = root.path("errors").path(0);
        String message = first.path("message").asText("");
        // Code 10000 "Authentication error": a revoked or mistyped API token.
        if (first.path("code").asInt() == 10000 || message.toLowerCase(Locale.ROOT).contains("authentication error")) {
            return ErrorKind.AUTH_FAILED;
        }
        return ErrorClassifier.classify(status, "", first.path("code").asText(""), message);
    }
}
