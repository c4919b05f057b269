package io.oneapi.plugin.assorted.deepl;

import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.plugin.assorted.common.ProviderErrors;
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
 * DeepL (channel type 38) behind the chat API: the model names the target language ({@code deepl-zh},
 * {@code deepl-en-us}), the last message is the text. The default base URL is the free API's; Pro keys
 * need {@code https://api.deepl.com}. DeepL reports failures by status: 403 for a bad key, 456 when the
 * character quota is used up, 429 and 529 for too many requests, with {@code {"message": "..."}}.
 */
@Extension
public final class DeepLAdapter implements ProviderAdapter {
    static final int TYPE = 38;
    static final String DEFAULT_BASE_URL = "https://api-free.deepl.com";
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("deepl", "DeepL",
            List.of(new ChannelTypeInfo(TYPE, "DeepL", DEFAULT_BASE_URL, List.of("deepl-zh", "deepl-en", "deepl-ja"),
                    List.of(), "deepl")));

    private final Supplier<ResponseStamp> stamps;

    public DeepLAdapter() {
        this(ResponseStamp::now);
    }

    DeepLAdapter(Supplier<ResponseStamp> stamps) {
        this.stamps = stamps;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        ServedModes.requireChat(context, "DeepL channels");
        return new OpenAiToDeepLExchange(context, stamps.get());
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        return switch (status) {
            case 403 -> ErrorKind.AUTH_FAILED;
            case 456 -> ErrorKind.QUOTA_EXHAUSTED;
            case 429, 529 -> ErrorKind.RATE_LIMITED;
            default -> ErrorClassifier.classify(status, "", "", ProviderErrors.text(JsonBodies.parse(body),
                    "message"));
        };
    }
}
