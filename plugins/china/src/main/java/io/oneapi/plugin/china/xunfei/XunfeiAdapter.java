package io.oneapi.plugin.china.xunfei;

import io.oneapi.plugin.china.common.ServedModes;
import io.oneapi.plugin.china.common.Stamp;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.UpstreamHeaders;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * iFlytek Spark v1 (channel type 18, "讯飞星火认知"): chat over a WebSocket the core opens
 * ({@code wss://spark-api.xf-yun.com/{version}/chat}, or the channel's base URL, {@code http(s)} read as
 * {@code ws(s)}). The channel setting {@code api_version} picks the version for models the table does not
 * know. Spark v2 (type 48) is OpenAI-compatible and served by the OpenAI plugin.
 */
@Extension
public final class XunfeiAdapter implements ProviderAdapter {
    static final int TYPE = 18;
    static final String DEFAULT_BASE_URL = "wss://spark-api.xf-yun.com";
    private static final List<String> MODELS = List.of("Spark-Lite", "Spark-Pro", "Spark-Pro-128K", "Spark-Max",
            "Spark-Max-32K", "Spark-4.0-Ultra");
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("xunfei", "iFlytek Spark (v1)",
            List.of(new ChannelTypeInfo(TYPE, "讯飞星火认知", DEFAULT_BASE_URL, MODELS, List.of("api_version"),
                    "xunfei")));

    private final Supplier<Stamp> stamps;
    private final Supplier<Instant> clock;

    public XunfeiAdapter() {
        this(Stamp::now, Instant::now);
    }

    XunfeiAdapter(Supplier<Stamp> stamps, Supplier<Instant> clock) {
        this.stamps = stamps;
        this.clock = clock;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        ServedModes.require(context, "iFlytek Spark", Set.of(RelayMode.CHAT_COMPLETIONS));
        return new OpenAiToSparkExchange(context, stamps.get(), clock);
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        return SparkErrors.classify(status, body);
    }

    /** The channel's WebSocket base: its base URL with {@code http(s)} as {@code ws(s)}, without a trailing slash. */
    static String socketBase(ChannelInfo channel) {
        String base = channel.baseUrl().isBlank() ? DEFAULT_BASE_URL : channel.baseUrl().trim();
        base = base.replaceAll("/+$", "");
        if (base.startsWith("https://")) {
            return "wss://" + base.substring(8);
        }
        return base.startsWith("http://") ? "ws://" + base.substring(7) : base;
    }
}
