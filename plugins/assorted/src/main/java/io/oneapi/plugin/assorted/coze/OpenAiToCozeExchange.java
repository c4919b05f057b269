package io.oneapi.plugin.assorted.coze;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.assorted.common.ChatMessage;
import io.oneapi.plugin.assorted.common.ChatMessages;
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
import java.util.List;

/**
 * A chat completion answered by a Coze bot through the v2 chat API: the last message is the
 * {@code query}, the earlier ones the {@code chat_history}. Only messages of type {@code answer} reach
 * the client (not {@code follow_up} suggestions or tool traces). The v2 API reports no token counts, so
 * the core counts them.
 */
final class OpenAiToCozeExchange implements ProviderExchange {
    private static final String BOT_PREFIX = "bot-";

    private final ExchangeContext context;
    private final OpenAiResponses responses;

    OpenAiToCozeExchange(ExchangeContext context, ResponseStamp stamp) {
        this.context = context;
        this.responses = new OpenAiResponses(stamp, context.upstreamModel());
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        JsonNode openAi = request.json();
        List<ChatMessage> messages = ChatMessages.of(openAi, context.systemPrompt());
        String model = context.upstreamModel();
        ObjectNode body = JsonBodies.object()
                .put("bot_id", model.startsWith(BOT_PREFIX) ? model.substring(BOT_PREFIX.length()) : model)
                .put("user", CozeCalls.user(context, openAi))
                .put("query", ChatMessages.lastText(messages))
                .put("stream", context.stream());
        if (messages.size() > 1) {
            ArrayNode history = body.putArray("chat_history");
            for (ChatMessage message : messages.subList(0, messages.size() - 1)) {
                history.addObject().put("role", message.role()).put("content", message.text())
                        .put("content_type", "text");
            }
        }
        return CozeCalls.post(context, "/open_api/v2/chat", context.stream(), body);
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
        if (reply.path("code").asInt(0) != 0) {
            return new TranslatedBody(CozeErrors.statusOf(reply), body, Usage.NONE);
        }
        // The first answer, as One API does; a bot that answers twice in one turn is a workflow corner.
        String answer = "";
        for (JsonNode message : reply.path("messages")) {
            if ("answer".equals(message.path("type").asText())) {
                answer = message.path("content").asText("");
                break;
            }
        }
        return new TranslatedBody(status, responses.completion(OpenAiResponses.assistant(answer), "stop",
                Usage.NONE), Usage.NONE);
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        JsonNode data = JsonBodies.parse(event.data());
        switch (data.path("event").asText(event.event())) {
            case "message" -> {
                JsonNode message = data.path("message");
                if ("answer".equals(message.path("type").asText())) {
                    responses.content(sink, message.path("content").asText(""));
                }
            }
            case "done" -> responses.finish(sink, "stop");
            case "error" -> {
                JsonNode error = data.path("error_information");
                sink.emit(ProviderErrors.streamError(error.path("msg").asText("Coze reported an error"),
                        "coze_error", error.path("code").asText("coze_error")));
            }
            default -> {
                // Other events carry nothing for the client.
            }
        }
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return CozeErrors.message(body);
    }
}
