package io.oneapi.plugin.assorted.aiproxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.assorted.common.ChannelUrls;
import io.oneapi.plugin.assorted.common.ChatMessages;
import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.plugin.assorted.common.OpenAiResponses;
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

/**
 * A chat completion answered from an AI Proxy knowledge base: the last message is the {@code query};
 * the answer comes back with the documents it drew on, appended as a Markdown list. The stream is
 * {@code data:} events with {@code content} pieces; the documents follow in a last chunk once the
 * library says {@code finish}. The library reports no token counts, so the core counts them.
 */
final class OpenAiToAiProxyLibraryExchange implements ProviderExchange {
    private final ExchangeContext context;
    private final OpenAiResponses responses;
    private JsonNode documents = JsonBodies.array();
    private boolean finished;

    OpenAiToAiProxyLibraryExchange(ExchangeContext context, ResponseStamp stamp) {
        this.context = context;
        this.responses = new OpenAiResponses(stamp, context.upstreamModel());
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        // Channels made by old One API versions keep the id in the legacy "other" column.
        String library = context.channel().setting(AiProxyLibraryAdapter.LIBRARY_SETTING, context.channel().other())
                .trim();
        if (library.isEmpty()) {
            throw new IllegalArgumentException("channel " + context.channel().id()
                    + " has no knowledge base id (setting library_id)");
        }
        ObjectNode body = JsonBodies.object().put("model", context.upstreamModel())
                .put("query", ChatMessages.lastText(ChatMessages.of(request.json(), context.systemPrompt())))
                .put("libraryId", library)
                .put("stream", context.stream());
        String url = ChannelUrls.base(context.channel(), AiProxyLibraryAdapter.DEFAULT_BASE_URL)
                + "/api/library/ask";
        return UpstreamRequest.builder("POST", url)
                .header("Content-Type", "application/json")
                .header("Accept", context.stream() ? "text/event-stream" : "application/json")
                .header("Authorization", "Bearer " + context.channel().key())
                .body(JsonBodies.bytes(body)).build();
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode reply = JsonBodies.parse(body);
        if (!reply.isObject()) {
            return UnexpectedReplies.failure(reply, body);
        }
        if (reply.path("errCode").asInt(0) != 0 || !reply.path("answer").isTextual()) {
            return UnexpectedReplies.failure(reply, body);
        }
        String content = reply.path("answer").asText() + LibraryAnswers.documents(reply.path("documents"));
        return new TranslatedBody(status, responses.completion(OpenAiResponses.assistant(content), "stop",
                Usage.NONE), Usage.NONE);
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        JsonNode data = JsonBodies.parse(event.data());
        if (data.path("documents").isArray() && !data.path("documents").isEmpty()) {
            documents = data.path("documents");
        }
        responses.content(sink, data.path("content").asText(""));
        if (data.path("finish").asBoolean(false) && !finished) {
            finished = true;
            responses.content(sink, LibraryAnswers.documents(documents));
            responses.finish(sink, "stop");
        }
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return LibraryAnswers.errorMessage(JsonBodies.parse(body));
    }
}
