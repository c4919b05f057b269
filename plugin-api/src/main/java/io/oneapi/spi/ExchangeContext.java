package io.oneapi.spi;

import java.util.Objects;

/**
 * Everything an exchange needs to know about one attempt: the provider channel, what the client asked
 * for ({@link RelayMode}, path, query), the model the client named and the model to send upstream after
 * the channel's model mapping, whether the client wants a stream, and the gateway-level switches.
 *
 * @param requestPath the client's path, e.g. {@code /v1/chat/completions}
 * @param query the client's raw query string without '?', empty when none
 * @param systemPrompt the channel's forced system prompt, empty when none
 * @param enforceIncludeUsage true when {@code ENFORCE_INCLUDE_USAGE} asks every stream to carry usage
 */
public record ExchangeContext(ChannelInfo channel, RelayMode mode, String requestPath, String query,
                              String requestedModel, String upstreamModel, boolean stream,
                              String systemPrompt, boolean enforceIncludeUsage) {
    public ExchangeContext {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(requestPath, "requestPath");
        query = query == null ? "" : query;
        requestedModel = requestedModel == null ? "" : requestedModel;
        upstreamModel = upstreamModel == null ? requestedModel : upstreamModel;
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
    }

    /** True when the channel maps the client's model to another upstream name. */
    public boolean modelMapped() {
        return !requestedModel.equals(upstreamModel);
    }
}
