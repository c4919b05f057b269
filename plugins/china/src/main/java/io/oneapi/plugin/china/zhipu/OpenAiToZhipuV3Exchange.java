package io.oneapi.plugin.china.zhipu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.china.common.BaseUrls;
import io.oneapi.plugin.china.common.ChatTurn;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.OpenAiAnswers;
import io.oneapi.plugin.china.common.RequestFields;
import io.oneapi.plugin.china.common.Stamp;
import io.oneapi.plugin.china.common.TokenCounts;
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
 * A chat completion on Zhipu's v3 model API ({@code /api/paas/v3/model-api/{model}/invoke} or
 * {@code sse-invoke}), for models outside the v4 family. The messages go as {@code prompt}. The unary answer
 * wraps the choices in {@code data}; the stream is events {@code add} (text in {@code data:} lines, several
 * lines meaning line breaks), {@code finish} with a {@code meta:} line holding the usage, and {@code error} /
 * {@code interrupted}.
 *
 * <p>The core's SSE splitter keeps only {@code event:} and {@code data:} fields, and the usage is in
 * {@code meta:}, so this exchange asks for line framing ({@link StreamFraming#NDJSON}: one event per line)
 * and reads the SSE fields itself. Text is emitted as each {@code data:} line arrives, nothing waits for the
 * end of an event.
 */
final class OpenAiToZhipuV3Exchange implements ProviderExchange {
    private final ExchangeContext context;
    private final String token;
    private final OpenAiAnswers answers;
    private Usage usage = Usage.NONE;
    private String event = "";
    private int dataLines;
    private boolean finished;

    OpenAiToZhipuV3Exchange(ExchangeContext context, String token, Stamp stamp) {
        this.context = context;
        this.token = token;
        this.answers = new OpenAiAnswers(stamp, context.upstreamModel());
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        JsonNode openAi = request.json();
        ObjectNode body = Json.object();
        ArrayNode prompt = body.putArray("prompt");
        for (ChatTurn turn : ChatTurn.of(openAi, context.systemPrompt())) {
            prompt.addObject().put("role", turn.role()).put("content", turn.text());
        }
        RequestFields.copy(openAi, "temperature", body, "temperature");
        RequestFields.copy(openAi, "top_p", body, "top_p");
        ZhipuParameters.clamp(body);
        String url = BaseUrls.of(context.channel(), ZhipuAdapter.DEFAULT_BASE_URL) + "/api/paas/v3/model-api/"
                + context.upstreamModel() + (context.stream() ? "/sse-invoke" : "/invoke");
        return UpstreamRequest.builder("POST", url)
                .header("Content-Type", "application/json")
                .header("Accept", context.stream() ? "text/event-stream" : "application/json")
                .header("Authorization", token)
                .body(Json.write(body)).build();
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
        JsonNode reply = Json.read(body);
        JsonNode data = reply.path("data");
        TranslatedBody refusal = ZhipuErrors.FORMAT.refusal(reply, body, data.path("choices").isArray());
        if (refusal != null) {
            return refusal;
        }
        usage = usage(data.path("usage"));
        ArrayNode choices = Json.array();
        int last = data.path("choices").size() - 1;
        for (JsonNode choice : data.path("choices")) {
            int index = choices.size();
            ObjectNode openAi = choices.addObject().put("index", index);
            // v3 wraps the content in quotes; One API strips them.
            openAi.set("message", Json.object().put("role", choice.path("role").asText("assistant"))
                    .put("content", trimQuotes(choice.path("content").asText(""))));
            openAi.put("finish_reason", index == last ? "stop" : "");
        }
        return new TranslatedBody(status, answers.chat(choices, usage), usage);
    }

    /** One line of the SSE stream (see the class comment). */
    @Override
    public void onEvent(SseEvent line, EventSink sink) {
        String text = line.dataAsString();
        if (text.startsWith("event:")) {
            event = text.substring(6).trim();
            dataLines = 0;
        } else if (text.startsWith("data:")) {
            String value = text.substring(5);
            value = value.startsWith(" ") ? value.substring(1) : value;
            if (event.equals("error") || event.equals("interrupted")) {
                sink.emit(OpenAiAnswers.streamError(value.isEmpty() ? "Zhipu stopped the answer: " + event
                        : value, "zhipu_" + event));
            } else {
                answers.content(sink, dataLines++ > 0 ? "\n" + value : value);
            }
        } else if (text.startsWith("meta:")) {
            usage = usage(Json.read(text.substring(5).trim()).path("usage"));
            finish(sink);
        }
    }

    @Override
    public void onStreamEnd(EventSink sink) {
        if (event.equals("finish")) {
            finish(sink); // a finish event without its meta line
        }
    }

    private void finish(EventSink sink) {
        if (!finished) {
            finished = true;
            answers.finish(sink, "stop");
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return ZhipuErrors.FORMAT.message(body);
    }

    private static Usage usage(JsonNode usage) {
        return TokenCounts.read(usage, "prompt_tokens", "completion_tokens", "total_tokens");
    }

    private static String trimQuotes(String content) {
        int start = 0;
        int end = content.length();
        while (start < end && content.charAt(start) == '"') {
            start++;
        }
        while (end > start && content.charAt(end - 1) == '"') {
            end--;
        }
        return content.substring(start, end);
    }
}
