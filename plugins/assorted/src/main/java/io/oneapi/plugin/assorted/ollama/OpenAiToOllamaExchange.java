package io.oneapi.plugin.assorted.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.assorted.common.ChannelUrls;
import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.plugin.assorted.common.OpenAiResponses;
import io.oneapi.plugin.assorted.common.ProviderErrors;
import io.oneapi.plugin.assorted.common.ResponseStamp;
import io.oneapi.plugin.assorted.common.UnexpectedReplies;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.StreamFraming;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;

/**
 * An OpenAI chat completion against Ollama's {@code /api/chat}. The stream is NDJSON: one reply object
 * per line, the last with {@code done: true}, the finish reason and the token counts.
 */
final class OpenAiToOllamaExchange implements ProviderExchange {
    private final ExchangeContext context;
    private final ResponseStamp stamp;
    private final OpenAiResponses responses;
    private Usage usage = Usage.NONE;
    private int toolCallsSent;

    OpenAiToOllamaExchange(ExchangeContext context, ResponseStamp stamp) {
        this.context = context;
        this.stamp = stamp;
        this.responses = new OpenAiResponses(stamp, context.upstreamModel());
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        String url = ChannelUrls.base(context.channel(), OllamaAdapter.DEFAULT_BASE_URL) + "/api/chat";
        return OllamaAuth.request(url, context, JsonBodies.bytes(OllamaChatBody.of(request, context)));
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public StreamFraming streamFraming() {
        return StreamFraming.NDJSON;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode reply = JsonBodies.parse(body);
        if (!reply.isObject() || reply.path("error").isTextual()) {
            return UnexpectedReplies.failure(reply, body);
        }
        JsonNode message = reply.path("message");
        ObjectNode openAi = OpenAiResponses.assistant(message.path("content").asText(""));
        ArrayNode toolCalls = OllamaReplies.toolCalls(message, stamp, 0, false);
        if (toolCalls != null) {
            openAi.set("tool_calls", toolCalls);
        }
        usage = OllamaReplies.usage(reply);
        return new TranslatedBody(status, responses.completion(openAi,
                OllamaReplies.finishReason(reply, toolCalls != null), usage), usage);
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        JsonNode reply = JsonBodies.parse(event.data());
        if (reply.path("error").isTextual()) {
            sink.emit(ProviderErrors.streamError(reply.path("error").asText(), "ollama_error", "ollama_error"));
            return;
        }
        JsonNode message = reply.path("message");
        String thinking = message.path("thinking").asText("");
        if (!thinking.isEmpty()) {
            responses.delta(sink, JsonBodies.object().put("reasoning_content", thinking), null);
        }
        responses.content(sink, message.path("content").asText(""));
        ArrayNode toolCalls = OllamaReplies.toolCalls(message, stamp, toolCallsSent, true);
        if (toolCalls != null) {
            toolCallsSent += toolCalls.size();
            ObjectNode delta = JsonBodies.object();
            delta.set("tool_calls", toolCalls);
            responses.delta(sink, delta, null);
        }
        if (reply.path("done").asBoolean(false)) {
            usage = OllamaReplies.usage(reply);
            responses.finish(sink, OllamaReplies.finishReason(reply, toolCallsSent > 0));
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return ProviderErrors.text(JsonBodies.parse(body), "error");
    }
}
