package io.oneapi.plugin.china.ernie;

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
 * Baidu ERNIE v1 on wenxinworkshop (channel type 15, "百度文心千帆"): chat and embeddings. The channel key is
 * {@code API_KEY|SECRET_KEY}; the core exchanges it for an access token and caches it (see
 * {@link OpenAiToErnieExchange}). ERNIE v2 (type 47) is OpenAI-compatible and served by the OpenAI plugin.
 */
@Extension
public final class ErnieAdapter implements ProviderAdapter {
    static final int TYPE = 15;
    static final String DEFAULT_BASE_URL = "https://aip.baidubce.com";
    private static final List<String> MODELS = List.of("ERNIE-4.0-8K", "ERNIE-3.5-8K", "ERNIE-3.5-8K-0205",
            "ERNIE-3.5-8K-1222", "ERNIE-Bot-8K", "ERNIE-3.5-4K-0205", "ERNIE-Speed-8K", "ERNIE-Speed-128K",
            "ERNIE-Lite-8K-0922", "ERNIE-Lite-8K-0308", "ERNIE-Tiny-8K", "BLOOMZ-7B", "Embedding-V1", "bge-large-zh",
            "bge-large-en", "tao-8k");
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("baidu", "Baidu ERNIE (v1)",
            List.of(new ChannelTypeInfo(TYPE, "百度文心千帆", DEFAULT_BASE_URL, MODELS, List.of(), "baidu")));

    private final Supplier<Stamp> stamps;

    public ErnieAdapter() {
        this(Stamp::now);
    }

    ErnieAdapter(Supplier<Stamp> stamps) {
        this.stamps = stamps;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        ServedModes.require(context, "Baidu ERNIE", Set.of(RelayMode.CHAT_COMPLETIONS, RelayMode.EMBEDDINGS));
        return new OpenAiToErnieExchange(context, stamps.get());
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        return ErnieErrors.classify(status, body);
    }
}
