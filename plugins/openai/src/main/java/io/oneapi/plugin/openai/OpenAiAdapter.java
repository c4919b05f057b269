package io.oneapi.plugin.openai;

import io.oneapi.spi.BalanceQueries;
import io.oneapi.spi.BalanceQuery;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import java.time.Clock;
import org.pf4j.Extension;

/**
 * Every channel type that speaks the OpenAI wire format: OpenAI, Azure, the OpenAI resellers and the
 * providers with OpenAI-compatible endpoints, plus One API's raw proxy channel. Errors are classified by
 * the SPI's default, which reads OpenAI-shaped error bodies.
 */
@Extension
public final class OpenAiAdapter implements ProviderAdapter, BalanceQueries {
    static final String ID = "openai";

    private final ChannelTypeTable types = ChannelTypeTable.load();
    private final ProviderDescriptor descriptor =
            new ProviderDescriptor(ID, "OpenAI and OpenAI-compatible providers", types.all());

    @Override
    public ProviderDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        ChannelInfo channel = context.channel();
        String baseUrl = channel.baseUrl().isBlank()
                ? types.find(channel.type()).map(ChannelTypeInfo::defaultBaseUrl).orElse("")
                : channel.baseUrl();
        if (channel.type() == ChannelTypes.PROXY || context.mode() == RelayMode.PROXY) {
            return new RawToProxyExchange(context, baseUrl);
        }
        return new OpenAiToOpenAiExchange(context, baseUrl);
    }

    @Override
    public BalanceQuery newBalanceQuery(ChannelInfo channel) {
        String defaultBase = types.find(channel.type()).map(ChannelTypeInfo::defaultBaseUrl).orElse("");
        return BalanceLookups.forChannel(channel, defaultBase, Clock.systemUTC());
    }
}
