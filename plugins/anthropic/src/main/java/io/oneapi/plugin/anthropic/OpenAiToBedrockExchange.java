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
import java.net.URI;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An OpenAI chat request to Claude on AWS Bedrock: {@code InvokeModel} ({@code POST /model/{id}/invoke}) or
 * {@code InvokeModelWithResponseStream} ({@code /invoke-with-response-stream}), SigV4-signed for service
 * {@code bedrock}. The body is Claude's without {@code model}, {@code stream} and {@code metadata}, plus
 * {@code anthropic_version: bedrock-2023-05-31}. The stream is AWS event-stream framed; each {@code chunk}
 * event carries one Claude event base64-encoded in {@code bytes}, exceptions arrive as their own events.
 */
final class OpenAiToBedrockExchange extends ClaudeExchange {
    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";
    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final String baseUrl;
    private final Instant now;

    /** @param baseUrl the channel's base URL override, empty for the region's Bedrock runtime endpoint */
    OpenAiToBedrockExchange(ExchangeContext context, String baseUrl, Instant now) {
        super(context, now.getEpochSecond());
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
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
        String base = baseUrl.isEmpty() ? "https://bedrock-runtime." + account.region() + ".amazonaws.com" : baseUrl;
        URI uri = URI.create(base + "/model/" + AwsSigV4.uriEncode(modelId, true) + "/"
                + (context.stream() ? "invoke-with-response-stream" : "invoke"));
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
        // InvokeModel names the wanted answer type in Accept, the streaming call in X-Amzn-Bedrock-Accept.
        String acceptHeader = context.stream() ? "x-amzn-bedrock-accept" : "accept";
        String amzDate = AMZ_DATE.format(now);
        SortedMap<String, String> signed = new TreeMap<>();
        signed.put("content-type", "application/json");
        signed.put(acceptHeader, "application/json");
        signed.put("host", hostHeader(uri));
        signed.put("x-amz-date", amzDate);
        AwsSigV4.Signature signature = AwsSigV4.sign(account.accessKey(), account.secretKey(), account.region(),
                "bedrock", "POST", uri, signed, payload, amzDate);
        return UpstreamRequest.builder("POST", uri.toString())
                .header("Content-Type", "application/json")
                .header(context.stream() ? "X-Amzn-Bedrock-Accept" : "Accept", "application/json")
                .header("X-Amz-Date", amzDate)
                .header("Authorization", signature.authorization())
                .body(payload)
                .build();
    }

    /** The Host header the core sends: the port only when it is not the scheme's default. */
    static String hostHeader(URI uri) {
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort();
        return port < 0 || port == (tls ? 443 : 80) ? uri.getHost() : uri.getHost() + ":" + port;
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
