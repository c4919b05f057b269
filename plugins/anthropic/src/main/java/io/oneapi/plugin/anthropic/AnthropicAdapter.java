package io.oneapi.plugin.anthropic;

import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.UpstreamHeaders;
import java.time.Clock;
import java.util.List;
import org.pf4j.Extension;

/** Anthropic's Messages API (channel type 14). */
@Extension
public final class AnthropicAdapter extends ClaudeAdapter {
    static final int TYPE = 14;
    static final String DEFAULT_BASE_URL = "https://api.anthropic.com";

    public AnthropicAdapter() {
        this(Clock.systemUTC());
    }

    AnthropicAdapter(Clock clock) {
        super(clock, "anthropic", "Anthropic Claude",
                new ChannelTypeInfo(TYPE, "Anthropic", DEFAULT_BASE_URL, ClaudeModels.ANTHROPIC, List.of(), "anthropic"));
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        String base = context.channel().baseUrl().isBlank() ? DEFAULT_BASE_URL : context.channel().baseUrl();
        return new OpenAiToAnthropicExchange(context, base, clock.instant().getEpochSecond());
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        return ClaudeErrors.classify(status, body);
    }
}
