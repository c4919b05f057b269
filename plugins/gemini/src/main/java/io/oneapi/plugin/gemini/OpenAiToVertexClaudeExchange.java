package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.anthropic.ClaudeTranslation;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.Header;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;

/**
 * A chat completion for a Claude model on Vertex AI: Anthropic's Messages API behind Vertex's
 * {@code publishers/anthropic/models/{model}:rawPredict} ({@code :streamRawPredict} for a stream, answered
 * with Anthropic's SSE events). The body is Anthropic's without {@code model} (it is in the URL) and with
 * {@code anthropic_version: vertex-2023-10-16} in place of the header; {@code stream} stays in the body.
 * The translation both ways is the anthropic plugin's {@link ClaudeTranslation}, not a copy.
 */
final class OpenAiToVertexClaudeExchange implements ProviderExchange {
    static final String ANTHROPIC_VERSION = "vertex-2023-10-16";
    static final String PREDICT = "rawPredict";
    static final String STREAM = "streamRawPredict";

    private final ExchangeContext context;
    private final VertexEndpoint endpoint;
    private final ClaudeTranslation claude;

    OpenAiToVertexClaudeExchange(ExchangeContext context, VertexEndpoint endpoint, long created) {
        this.context = context;
        this.endpoint = endpoint;
        this.claude = new ClaudeTranslation(context, created);
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        String model = VertexClaudeModels.vertexName(context.upstreamModel());
        ObjectNode body = claude.requestBody(request);
        body.remove("model");
        body.put("anthropic_version", ANTHROPIC_VERSION);
        UpstreamRequest.Builder upstream = UpstreamRequest.builder("POST",
                endpoint.url("anthropic", model, context.stream() ? STREAM : PREDICT));
        upstream.header("Content-Type", "application/json");
        if (context.stream()) {
            body.put("stream", true);
            upstream.header("Accept", "text/event-stream");
        }
        Header auth = endpoint.auth();
        return upstream.header(auth.name(), auth.value()).body(Json.bytes(body)).build();
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        return claude.translateBody(body);
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        claude.onEvent(event.data(), sink);
    }

    @Override
    public void onStreamEnd(EventSink sink) {
        claude.onStreamEnd(sink);
    }

    @Override
    public Usage usage() {
        return claude.usage();
    }

    /** Anthropic's message for the model's errors; null for Vertex's own (google.rpc.Status, read by the core). */
    @Override
    public String errorMessage(int status, byte[] body) {
        return ClaudeTranslation.errorMessage(body);
    }
}
