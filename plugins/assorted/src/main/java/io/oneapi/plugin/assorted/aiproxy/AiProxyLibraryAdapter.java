package io.oneapi.plugin.assorted.aiproxy;

import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.plugin.assorted.common.ResponseStamp;
import io.oneapi.plugin.assorted.common.ServedModes;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ErrorClassifier;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.UpstreamHeaders;
import java.util.List;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * AI Proxy's knowledge bases (channel type 21, "知识库：AI Proxy"): questions go to
 * {@code /api/library/ask} with the knowledge base named by the channel setting {@code library_id}
 * (or, for channels created by old One API versions, the {@code other} column). The model picks the
 * LLM that answers, so the default list is OpenAI's chat models.
 */
@Extension
public final class AiProxyLibraryAdapter implements ProviderAdapter {
    static final int TYPE = 21;
    static final String DEFAULT_BASE_URL = "https://api.aiproxy.io";
    static final String LIBRARY_SETTING = "library_id";
    private static final List<String> MODELS = List.of("gpt-3.5-turbo", "gpt-3.5-turbo-0301", "gpt-3.5-turbo-0613",
            "gpt-3.5-turbo-1106", "gpt-3.5-turbo-0125", "gpt-3.5-turbo-16k", "gpt-3.5-turbo-16k-0613", "gpt-4",
            "gpt-4-0314", "gpt-4-0613", "gpt-4-1106-preview", "gpt-4-0125-preview", "gpt-4-32k", "gpt-4-turbo-preview",
            "gpt-4-turbo", "gpt-4-turbo-2024-04-09", "gpt-4o", "gpt-4o-2024-05-13", "gpt-4o-2024-08-06",
            "gpt-4o-2024-11-20", "gpt-4o-mini", "gpt-4o-mini-2024-07-18");
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("aiproxy-library",
            "AI Proxy knowledge base", List.of(new ChannelTypeInfo(TYPE, "知识库：AI Proxy", DEFAULT_BASE_URL,
                    MODELS, List.of(LIBRARY_SETTING), "aiproxy")));

    private final Supplier<ResponseStamp> stamps;

    public AiProxyLibraryAdapter() {
        this(ResponseStamp::now);
    }

    AiProxyLibraryAdapter(Supplier<ResponseStamp> stamps) {
        this.stamps = stamps;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        ServedModes.requireChat(context, "AI Proxy knowledge bases");
        return new OpenAiToAiProxyLibraryExchange(context, stamps.get());
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        return ErrorClassifier.classify(status, "", "", LibraryAnswers.errorMessage(JsonBodies.parse(body)));
    }
}
