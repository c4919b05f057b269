package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.StreamFraming;
import io.oneapi.spi.UpstreamRequest;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

/**
 * An OpenAI chat request to Claude on AWS Bedrock, sent as {@link BedrockInvoke} describes. The body is
 * Claude's without {@code model}, {@code stream} and {@code metadata}, plus
 * {@code anthropic_version: bedrock-2023-05-31}. The stream is AWS event-stream framed; each {@code chunk}
 * event carries one Claude event base64-encoded in {@code bytes}, exceptions arrive as their own events.
 */
final class OpenAiToBedrockExchange extends ClaudeExchange {
    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";

    private final String baseUrl;
    private final Instant now;

    /** @param baseUrl the channel's base URL override, empty for the region's Bedrock runtime endpoint */
    OpenAiToBedrockExchange(ExchangeContext context, String baseUrl, Instant now) {
        super(context, now.getEpochSecond());
        this.baseUrl = baseUrl;
        this.now = now;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        BedrockAccount account = BedrockAccount.of(context.channel());
        ObjectNode body = claudeBody(request);
        String modelId = BedrockModels.idFor(body.path("model").asText(""));
        body.remove("model");
        body.remove("metadata");
        body.put("anthropic_version", ANTHROPIC_VERSION);
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
        return BedrockInvoke.request(account, baseUrl, modelId, context.stream(), payload, now);
    }

    @Override
    public StreamFraming streamFraming() {
        return context.stream() ? StreamFraming.AWS_EVENT_STREAM : StreamFraming.SSE;
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        JsonNode payload;
        try {
            payload = JSON.readTree(event.data());
        } catch (IOException e) {
            return;
        }
        if (payload == null) {
            return;
        }
        if ("chunk".equals(event.event())) {
            String bytes = payload.path("bytes").asText("");
            if (!bytes.isEmpty()) {
                claude.onEvent(Base64.getDecoder().decode(bytes), sink);
            }
        } else if (event.event().startsWith("exception:") || event.event().startsWith("error:")) {
            String type = event.event().substring(event.event().indexOf(':') + 1);
            claude.streamError(type, payload.path("message").asText("The Bedrock stream failed (" + type + ")."),
                    sink);
        }
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return BedrockErrors.message(body);
    }
}
