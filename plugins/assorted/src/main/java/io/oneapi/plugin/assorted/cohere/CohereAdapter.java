package io.oneapi.plugin.assorted.cohere;

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
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * Cohere (channel type 35): chat on the v1 {@code /v1/chat} endpoint, as One API does. Every default model
 * is also listed with the {@code -internet} suffix, which turns on the web-search connector.
 * Errors are {@code {"message": "..."}} with Cohere's statuses (402 for billing, 498 for a bad token).
 */
@Extension
public final class CohereAdapter implements ProviderAdapter {
    static final int TYPE = 35;
    static final String DEFAULT_BASE_URL = "https://api.cohere.ai";
    static final String INTERNET_SUFFIX = "-internet";
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("cohere", "Cohere",
            List.of(new ChannelTypeInfo(TYPE, "Cohere", DEFAULT_BASE_URL, models(), List.of(), "Cohere")));

    private final Supplier<ResponseStamp> stamps;

    public CohereAdapter() {
        this(ResponseStamp::now);
    }

    CohereAdapter(Supplier<ResponseStamp> stamps) {
        this.stamps = stamps;
    }

    private static List<String> models() {
        List<String> base = List.of("command", "command-nightly", "command-light", "command-light-nightly",
                "command-r", "command-r-plus");
        List<String> all = new ArrayList<>(base);
        base.forEach(model -> all.add(model + INTERNET_SUFFIX));
        return all;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        ServedModes.requireChat(context, "Cohere channels");
        return new OpenAiToCohereExchange(context, stamps.get());
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        if (status == 402) {
            return ErrorKind.QUOTA_EXHAUSTED;
        }
        if (status == 498) {
            return ErrorKind.AUTH_FAILED;
        }
        return ErrorClassifier.classify(status, "", "", ProviderErrors.text(JsonBodies.parse(body), "message"));
    }
}
