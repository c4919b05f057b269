package io.oneapi.proxy.relay;

import io.oneapi.spi.RelayMode;
import io.oneapi.spi.Usage;

/**
 * The one record a relayed request ends in; billing reads only this.
 *
 * @param usage what the upstream reported, or null when it reported nothing
 * @param generatedText the text streamed or returned (for local counting when usage is null)
 * @param requestBody a copy of the request body, kept only when usage is null (to count prompt tokens)
 * @param elapsedMillis from request arrival to the end of the response
 */
public record RelayRecord(String requestId, RelayOutcome outcome, RelayMode mode, int channelId, int channelType,
                          String requestedModel, String upstreamModel, boolean stream, Usage usage,
                          String generatedText, byte[] requestBody, long elapsedMillis, boolean systemPromptReset) {
}
