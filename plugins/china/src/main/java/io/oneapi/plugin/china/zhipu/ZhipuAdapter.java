package io.oneapi.plugin.china.zhipu;

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
 * Zhipu ChatGLM (channel type 16, "智谱 ChatGLM"). Chat models named {@code glm-*} (and the other v4 chat
 * models of the default list: {@code charglm-4}, {@code emohaa}, {@code codegeex-4}) go to the OpenAI-format
 * v4 API untouched but for clamping; the older models to the v3 invoke API. Embeddings and CogView images use
 * v4. Every request carries a JWT signed from the key {@code id.secret}, cached per key by this adapter.
 */
@Extension
public final class ZhipuAdapter implements ProviderAdapter {
    static final int TYPE = 16;
    static final String DEFAULT_BASE_URL = "https://open.bigmodel.cn";
    /** v4 chat models of the default list whose names do not start with {@code glm-}. */
    private static final Set<String> OTHER_V4_MODELS = Set.of("charglm-4", "emohaa", "codegeex-4");
    private static final List<String> MODELS = List.of("glm-zero-preview", "glm-4-plus", "glm-4-0520",
            "glm-4-airx", "glm-4-air", "glm-4-long", "glm-4-flashx", "glm-4-flash", "glm-4", "glm-3-turbo",
            "glm-4v-plus", "glm-4v", "glm-4v-flash", "cogview-3-plus", "cogview-3", "cogview-3-flash", "cogviewx",
            "cogviewx-flash", "charglm-4", "emohaa", "codegeex-4", "embedding-2", "embedding-3");
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("zhipu", "Zhipu ChatGLM",
            List.of(new ChannelTypeInfo(TYPE, "智谱 ChatGLM", DEFAULT_BASE_URL, MODELS, List.of(), "zhipu")));

    private final Supplier<Stamp> stamps;
    private final ZhipuTokens tokens;

    public ZhipuAdapter() {
        this(Stamp::now, System::currentTimeMillis);
    }

    ZhipuAdapter(Supplier<Stamp> stamps, LongSupplier clockMillis) {
        this.stamps = stamps;
        this.tokens = new ZhipuTokens(clockMillis);
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        ServedModes.require(context, "Zhipu", Set.of(RelayMode.CHAT_COMPLETIONS, RelayMode.EMBEDDINGS,
                RelayMode.IMAGES_GENERATIONS));
        String token = tokens.tokenFor(context.channel().key());
        if (context.mode() == RelayMode.CHAT_COMPLETIONS && !isV4(context.upstreamModel())) {
            return new OpenAiToZhipuV3Exchange(context, token, stamps.get());
        }
        return new OpenAiToZhipuV4Exchange(context, token);
    }

    static boolean isV4(String model) {
        return model.startsWith("glm-") || OTHER_V4_MODELS.contains(model);
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        return ZhipuErrors.classify(status, body);
    }
}
