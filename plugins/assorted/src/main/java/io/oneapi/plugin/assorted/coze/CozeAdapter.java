package io.oneapi.plugin.assorted.coze;

import io.oneapi.plugin.assorted.common.ResponseStamp;
import io.oneapi.plugin.assorted.common.ServedModes;
import io.oneapi.spi.ChannelTypeInfo;
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
 * Coze (channel type 34): bots behind the chat API through {@code /open_api/v2/chat}, as One API does, or
 * through {@code /v3/chat} when the channel setting {@code api_version} is {@code v3} (Coze's current API).
 * The model names the bot ({@code bot-7348293334} or the bare id) and has no default list; the channel
 * setting {@code user_id} names the Coze user the conversations belong to. Coze reports many failures
 * inside a 200 body ({@code {"code": 4000, "msg": "..."}}).
 */
@Extension
public final class CozeAdapter implements ProviderAdapter {
    static final int TYPE = 34;
    static final String DEFAULT_BASE_URL = "https://api.coze.com";
    static final String USER_SETTING = "user_id";
    static final String VERSION_SETTING = "api_version";
    private static final ProviderDescriptor DESCRIPTOR = new ProviderDescriptor("coze", "Coze",
            List.of(new ChannelTypeInfo(TYPE, "Coze", DEFAULT_BASE_URL, List.of(), List.of(USER_SETTING, VERSION_SETTING), "coze")));

    private final Supplier<ResponseStamp> stamps;

    public CozeAdapter() {
        this(ResponseStamp::now);
    }

    CozeAdapter(Supplier<ResponseStamp> stamps) {
        this.stamps = stamps;
    }

    @Override
    public ProviderDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        ServedModes.requireChat(context, "Coze channels");
        String version = context.channel().setting(VERSION_SETTING, "v2").trim();
        return switch (version) {
            case "v3" -> new OpenAiToCozeV3Exchange(context, stamps.get());
            case "v2", "" -> new OpenAiToCozeExchange(context, stamps.get());
            default -> throw new IllegalArgumentException("channel " + context.channel().id()
                    + " has api_version " + version + "; expected v2 or v3");
        };
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        return CozeErrors.classify(status, body);
    }
}
