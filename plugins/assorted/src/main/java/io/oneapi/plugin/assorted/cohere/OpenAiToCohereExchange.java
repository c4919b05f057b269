package io.oneapi.plugin.assorted.cohere;

import com.fasterxml.jackson.databind.JsonNode;
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
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;
import java.util.Locale;

/**
 * An OpenAI chat completion against Cohere's v1 chat. Streams are requested as server-sent events
 * ({@code Accept: text/event-stream}; Cohere's default is newline-delimited JSON) whose payloads are the
 * v1 stream events: {@code text-generation} carries text, {@code stream-end} the finish reason and the
 * final response with its token counts.
 */
final class OpenAiToCohereExchange implements ProviderExchange {
    private final ExchangeContext context;
    private final OpenAiResponses responses;
    private Usage usage = Usage.NONE;

    OpenAiToCohereExchange(ExchangeContext context, ResponseStamp stamp) {
        this.context = context;
        this.responses = new OpenAiResponses(stamp, context.upstreamModel());
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        String url = ChannelUrls.base(context.channel(), CohereAdapter.DEFAULT_BASE_URL) + "/v1/chat";
        UpstreamRequest.Builder upstream = UpstreamRequest.builder("POST", url)
                .header("Content-Type", "application/json")
                .header("Accept", context.stream() ? "text/event-stream" : "application/json")
                .header("Authorization", "Bearer " + context.channel().key());
        return upstream.body(JsonBodies.bytes(CohereChatBody.of(request.json(), context))).build();
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode reply = JsonBodies.parse(body);
        if (!reply.has("response_id") && !reply.path("text").isTextual()) {
            return UnexpectedReplies.failure(reply, body);
        }
        usage = usage(reply.path("meta"));
        return new TranslatedBody(status, responses.completion(
                OpenAiResponses.assistant(reply.path("text").asText("")),
                finishReason(reply.path("finish_reason").asText("")), usage), usage);
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        JsonNode data = JsonBodies.parse(event.data());
        String type = data.path("event_type").asText(event.event());
        if (type.equals("text-generation")) {
            responses.content(sink, data.path("text").asText(""));
        } else if (type.equals("stream-end")) {
            JsonNode response = data.path("response");
            usage = usage(response.path("meta"));
            String reason = data.path("finish_reason").asText(response.path("finish_reason").asText(""));
            responses.finish(sink, finishReason(reason));
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return ProviderErrors.text(JsonBodies.parse(body), "message");
    }

    /**
     * {@code meta.tokens} (what the model processed, the figure One API bills), else
     * {@code meta.billed_units}; nothing when both are absent, so the core counts.
     */
    private static Usage usage(JsonNode meta) {
        for (String field : new String[] {"tokens", "billed_units"}) {
            JsonNode counts = meta.path(field);
            int input = counts.path("input_tokens").asInt(0);
            int output = counts.path("output_tokens").asInt(0);
            if (input + output > 0) {
                return Usage.of(input, output);
            }
        }
        return Usage.NONE;
    }

    private static String finishReason(String cohere) {
        return switch (cohere) {
            case "COMPLETE", "STOP_SEQUENCE", "" -> "stop";
            case "MAX_TOKENS" -> "length";
            case "ERROR_TOXIC" -> "content_filter";
            case "TOOL_CALL" -> "tool_calls";
            default -> cohere.toLowerCase(Locale.ROOT);
        };
    }
}
