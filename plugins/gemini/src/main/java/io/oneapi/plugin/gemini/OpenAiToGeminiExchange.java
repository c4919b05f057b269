package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.Header;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;

/**
 * An OpenAI chat completion sent to a Gemini {@code generateContent} endpoint (AI Studio or Vertex AI, see
 * {@link GeminiEndpoint}) and its answer, unary or streamed, translated back.
 */
final class OpenAiToGeminiExchange implements ProviderExchange {
    private final ExchangeContext context;
    private final GeminiEndpoint endpoint;
    private GeminiStream stream;
    private Usage usage = Usage.NONE;

    OpenAiToGeminiExchange(ExchangeContext context, GeminiEndpoint endpoint) {
        this.context = context;
        this.endpoint = endpoint;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        if (context.mode() != RelayMode.CHAT_COMPLETIONS) {
            throw new IllegalArgumentException(context.requestPath() + " is not supported for Gemini channels");
        }
        JsonNode json = request.json();
        if (!json.isObject()) {
            throw new IllegalArgumentException("request body must be a JSON object");
        }
        String model = GeminiModels.pathSegment(context.upstreamModel());
        ObjectNode body = ChatToGemini.body(json, context, request);
        boolean beta = !GeminiModels.firstGeneration(model) || ChatToGemini.needsBeta(body);
        UpstreamRequest.Builder upstream = UpstreamRequest.builder("POST",
                endpoint.url(model, context.stream() ? GeminiEndpoint.STREAM : GeminiEndpoint.GENERATE, beta));
        upstream.header("Content-Type", "application/json");
        if (context.stream()) {
            upstream.header("Accept", "text/event-stream");
            boolean includeUsage = json.path("stream_options").path("include_usage").asBoolean(false)
                    || context.enforceIncludeUsage();
            stream = new GeminiStream(context.upstreamModel(), includeUsage);
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
        TranslatedBody translated = GeminiToOpenAi.chat(status, body, context.upstreamModel());
        usage = translated.usage();
        return translated;
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        streamState().onEvent(event, sink);
    }

    @Override
    public void onStreamEnd(EventSink sink) {
        streamState().onEnd(sink);
    }

    @Override
    public Usage usage() {
        if (stream == null) {
            return usage;
        }
        Usage streamed = stream.usage();
        return streamed == null ? Usage.NONE : streamed;
    }

    private GeminiStream streamState() {
        if (stream == null) {
            // The core streams only what the client asked to stream; be safe if that ever changes.
            stream = new GeminiStream(context.upstreamModel(), false);
        }
        return stream;
    }
}
