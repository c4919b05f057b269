package io.oneapi.plugin.china.hunyuan;

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
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * Tencent Hunyuan (channel type 23, "腾讯混元") on Tencent Cloud API 3.0, version 2023-09-01: the
 * {@code ChatCompletions} action (unary and server-sent events) and {@code GetEmbedding}, every request signed
 * with TC3-HMAC-SHA256 from the key {@code AppId|SecretId|SecretKey}.
 */
@Extension
public final class HunyuanAdapter implements ProviderAdapter {
    static final int TYPE = 23;
    static final String DEFAULT_BASE_URL = "https://hunyuan.tencentcloudapi.com";
    private static final List<String> MODELS = List.of("hunyuan-lite", "hunyuan-standard", "hunyuan-standard-256K",
            "hunyuan-pro", "hunyuan-vision", "hunyuan-embedding");
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("tencent", "Tencent Hunyuan",
            List.of(new ChannelTypeInfo(TYPE, "腾讯混元", DEFAULT_BASE_URL, MODELS, List.of(), "tencent")));

    private final Supplier<Stamp> stamps;
    private final LongSupplier clockSeconds;

    public HunyuanAdapter() {
        this(Stamp::now, () -> System.currentTimeMillis() / 1000);
    }

    HunyuanAdapter(Supplier<Stamp> stamps, LongSupplier clockSeconds) {
        this.stamps = stamps;
        this.clockSeconds = clockSeconds;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        ServedModes.require(context, "Tencent Hunyuan", Set.of(RelayMode.CHAT_COMPLETIONS, RelayMode.EMBEDDINGS));
        return context.mode() == RelayMode.EMBEDDINGS
                ? new EmbeddingsToHunyuanExchange(context, stamps.get(), clockSeconds)
                : new OpenAiToHunyuanExchange(context, stamps.get(), clockSeconds);
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        return HunyuanErrors.classify(status, body);
    }
}
