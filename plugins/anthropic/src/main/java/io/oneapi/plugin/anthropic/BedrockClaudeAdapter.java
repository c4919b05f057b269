package io.oneapi.plugin.anthropic;

import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.UpstreamHeaders;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.pf4j.Extension;

/**
 * Claude, and Meta's Llama 3, on AWS Bedrock (channel type 33): credentials and region from the channel (see
 * {@link BedrockAccount}), requests signed with SigV4, streams decoded from AWS event-stream by the core.
 */
@Extension
public final class BedrockClaudeAdapter extends ClaudeAdapter {
    static final int TYPE = 33;

    private final Supplier<String> answerIds;

    public BedrockClaudeAdapter() {
        this(Clock.systemUTC(), () -> UUID.randomUUID().toString().replace("-", ""));
    }

    /** @param answerIds ids for answers Bedrock gives none (Llama's) */
    BedrockClaudeAdapter(Clock clock, Supplier<String> answerIds) {
        super(clock, "aws-claude", "Claude on AWS Bedrock",
                new ChannelTypeInfo(TYPE, "AWS", "", BedrockModels.NAMES, List.of("region", "ak", "sk"), "aws"));
        this.answerIds = answerIds;
    }

    @Override
    public ProviderExchange newExchange(ExchangeContext context) {
        if (BedrockModels.isLlama(context.upstreamModel())) {
            return new BedrockLlamaExchange(context, context.channel().baseUrl(), clock.instant(), answerIds.get());
        }
        return new OpenAiToBedrockExchange(context, context.channel().baseUrl(), clock.instant());
    }

    @Override
    public ErrorKind classifyError(int status, UpstreamHeaders headers, byte[] body) {
        return BedrockErrors.classify(status, headers, body);
    }
}
