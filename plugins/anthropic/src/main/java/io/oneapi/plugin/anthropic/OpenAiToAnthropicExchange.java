package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.UpstreamRequest;

/**
 * An OpenAI chat request to Anthropic's Messages API: {@code POST {base}/v1/messages} with {@code x-api-key}
 * and {@code anthropic-version} (the client's, else 2023-06-01); the client's {@code anthropic-beta} is
 * passed on.
 */
final class OpenAiToAnthropicExchange extends ClaudeExchange {
    static final String DEFAULT_VERSION = "2023-06-01";

    private final String baseUrl;

    OpenAiToAnthropicExchange(ExchangeContext context, String baseUrl, long created) {
        super(context, created);
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        var body = claudeBody(request);
        if (context.stream()) {
            body.put("stream", true);
        }
        String version = request.header("anthropic-version");
        UpstreamRequest.Builder upstream = UpstreamRequest.builder("POST", baseUrl + "/v1/messages")
                .header("Content-Type", "application/json")
                .header("x-api-key", context.channel().key())
                .header("anthropic-version", version == null || version.isBlank() ? DEFAULT_VERSION : version);
        String beta = request.header("anthropic-beta");
        if (beta != null && !beta.isBlank()) {
            upstream.header("anthropic-beta", beta);
        }
        if (context.stream()) {
            upstream.header("Accept", "text/event-stream");
        }
        try {
            return upstream.body(JSON.writeValueAsBytes(body)).build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        claude.onEvent(event.data(), sink);
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return ClaudeErrors.message(body);
    }
}
