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
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A chat completion answered by a Coze bot through the v3 chat API ({@code POST /v3/chat}), for channels whose
 * {@code api_version} setting is {@code v3}. Every message goes in {@code additional_messages} (system text as a
 * user message: v3 takes user and assistant roles only). The call always streams, because a non-streaming v3
 * chat answers before the bot has and must be polled; for a client that asked for one answer, the events are
 * gathered into it. Only {@code answer} deltas reach the client; {@code conversation.chat.completed} carries the
 * token counts, {@code conversation.chat.failed} and {@code error} the failures.
 */
final class OpenAiToCozeV3Exchange implements ProviderExchange {
    private static final String BOT_PREFIX = "bot-";

    private final ExchangeContext context;
    private final OpenAiResponses responses;
    private Usage usage = Usage.NONE;
    private boolean finished;

    OpenAiToCozeV3Exchange(ExchangeContext context, ResponseStamp stamp) {
        this.context = context;
        this.responses = new OpenAiResponses(stamp, context.upstreamModel());
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        JsonNode openAi = request.json();
        String model = context.upstreamModel();
        ObjectNode body = JsonBodies.object()
                .put("bot_id", model.startsWith(BOT_PREFIX) ? model.substring(BOT_PREFIX.length()) : model)
                .put("user_id", CozeCalls.user(context, openAi))
                .put("stream", true);
        ArrayNode messages = body.putArray("additional_messages");
        for (ChatMessage message : ChatMessages.of(openAi, context.systemPrompt())) {
            boolean assistant = message.role().equals("assistant");
            messages.addObject().put("role", assistant ? "assistant" : "user")
                    .put("type", assistant ? "answer" : "question")
                    .put("content", message.text()).put("content_type", "text");
        }
        return CozeCalls.post(context, "/v3/chat", true, body);
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    /** A client that wants one answer: the whole event stream (or a JSON error) arrives here. */
    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        JsonNode json = JsonBodies.parse(body);
        if (json.isObject()) {
            if (json.path("code").asInt(0) != 0) {
                return new TranslatedBody(CozeErrors.statusOf(json), body, Usage.NONE);
            }
            return UnexpectedReplies.failure(json, body);
        }
        StringBuilder answer = new StringBuilder();
        for (Event event : events(text)) {
            JsonNode data = JsonBodies.parse(event.data().getBytes(StandardCharsets.UTF_8));
            switch (event.name()) {
                case "conversation.message.delta" -> {
                    if ("answer".equals(data.path("type").asText())) {
                        answer.append(data.path("content").asText(""));
                    }
                }
                case "conversation.chat.completed" -> usage = usageOf(data);
                case "conversation.chat.failed", "error" -> {
                    JsonNode error = data.has("last_error") ? data.path("last_error") : data;
                    byte[] failure = JsonBodies.bytes(JsonBodies.object().put("code", error.path("code").asInt(-1))
                            .put("msg", error.path("msg").asText("Coze reported an error")));
                    return new TranslatedBody(CozeErrors.statusOf(JsonBodies.parse(failure)), failure, Usage.NONE);
                }
                default -> {
                    // created, in_progress, completed messages (the whole answer again), follow-ups, done
                }
            }
        }
        return new TranslatedBody(status, responses.completion(OpenAiResponses.assistant(answer.toString()), "stop",
                usage), usage);
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        JsonNode data = JsonBodies.parse(event.data());
        switch (event.event()) {
            case "conversation.message.delta" -> {
                if ("answer".equals(data.path("type").asText())) {
                    responses.content(sink, data.path("content").asText(""));
                }
            }
            case "conversation.chat.completed" -> {
                usage = usageOf(data);
                finish(sink);
            }
            case "conversation.chat.failed" -> {
                JsonNode error = data.path("last_error");
                sink.emit(ProviderErrors.streamError(error.path("msg").asText("Coze could not finish the chat"),
                        "coze_error", error.path("code").asText("coze_error")));
            }
            case "error" -> sink.emit(ProviderErrors.streamError(data.path("msg").asText("Coze reported an error"),
                    "coze_error", data.path("code").asText("coze_error")));
            default -> {
                // created, in_progress, completed messages (the whole answer again), follow-ups, done
            }
        }
    }

    private void finish(EventSink sink) {
        if (!finished) {
            finished = true;
            responses.finish(sink, "stop");
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return CozeErrors.message(body);
    }

    private static Usage usageOf(JsonNode chat) {
        JsonNode u = chat.path("usage");
        int input = u.path("input_count").asInt(0);
        int output = u.path("output_count").asInt(0);
        return input + output == 0 ? Usage.NONE : new Usage(input, output, input + output);
    }

    private record Event(String name, String data) {
    }

    /** Splits an SSE body into events: {@code event:} names, {@code data:} lines, a blank line between. */
    private static List<Event> events(String text) {
        List<Event> events = new ArrayList<>();
        String name = "";
        StringBuilder data = new StringBuilder();
        for (String line : (text + "\n\n").split("\r?\n", -1)) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    events.add(new Event(name, data.toString()));
                }
                name = "";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                if (data.length() > 0) {
                    data.append('\n');
                }
                data.append(line.substring(5).startsWith(" ") ? line.substring(6) : line.substring(5));
            }
        }
        return events;
    }
}
