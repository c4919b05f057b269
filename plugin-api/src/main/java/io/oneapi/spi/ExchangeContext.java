package io.oneapi.spi;

import java.util.Map;
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
 * @param gatewaySettings gateway-wide provider settings by their environment variable name (for example
 *     {@code GEMINI_VERSION}, {@code GEMINI_SAFETY_SETTING}); only settings the operator's configuration
 *     holds are present. Adapters read them with {@link #gatewaySetting(String, String)}.
 */
public record ExchangeContext(ChannelInfo channel, RelayMode mode, String requestPath, String query,
                              String requestedModel, String upstreamModel, boolean stream,
                              String systemPrompt, boolean enforceIncludeUsage,
                              Map<String, String> gatewaySettings) {
    public ExchangeContext {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(requestPath, "requestPath");
        query = query == null ? "" : query;
        requestedModel = requestedModel == null ? "" : requestedModel;
        upstreamModel = upstreamModel == null ? requestedModel : upstreamModel;
        systemPrompt = systemPrompt == null ? "" : systemPrompt;
        gatewaySettings = gatewaySettings == null ? Map.of() : Map.copyOf(gatewaySettings);
    }

    /** A context without gateway settings (the form this record had before they were added). */
    public ExchangeContext(ChannelInfo channel, RelayMode mode, String requestPath, String query,
                           String requestedModel, String upstreamModel, boolean stream, String systemPrompt,
                           boolean enforceIncludeUsage) {
        this(channel, mode, requestPath, query, requestedModel, upstreamModel, stream, systemPrompt,
                enforceIncludeUsage, Map.of());
    }

    /** True when the channel maps the client's model to another upstream name. */
    public boolean modelMapped() {
        return !requestedModel.equals(upstreamModel);
    }

    /** A gateway setting (see {@link #gatewaySettings()}), or {@code fallback} when absent or blank. */
    @Experimental
    public String gatewaySetting(String name, String fallback) {
        String value = gatewaySettings.get(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
