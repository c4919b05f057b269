package io.oneapi.plugin.china.hunyuan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.china.common.ChatTurn;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.OpenAiAnswers;
import io.oneapi.plugin.china.common.ProviderFailure;
import io.oneapi.plugin.china.common.RequestFields;
import io.oneapi.plugin.china.common.Stamp;
import io.oneapi.plugin.china.common.TokenCounts;
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
import java.util.function.LongSupplier;

/**
 * A chat completion through Hunyuan's {@code ChatCompletions} action: {@code Model}, {@code Messages} with
 * {@code Role} and {@code Content}, {@code Stream}, {@code TopP}, {@code Temperature}. The answer is in
 * {@code Response.Choices[].Message}; a stream is server-sent events of {@code Choices[].Delta}, each with the
 * running {@code Usage}, the last with {@code FinishReason: stop}.
 */
final class OpenAiToHunyuanExchange implements ProviderExchange {
    static final String ACTION = "ChatCompletions";

    private final ExchangeContext context;
    private final OpenAiAnswers answers;
    private final LongSupplier clockSeconds;
    private Usage usage = Usage.NONE;

    OpenAiToHunyuanExchange(ExchangeContext context, Stamp stamp, LongSupplier clockSeconds) {
        this.context = context;
        this.answers = new OpenAiAnswers(stamp, context.upstreamModel());
        this.clockSeconds = clockSeconds;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        JsonNode openAi = request.json();
        ObjectNode body = Json.object().put("Model", context.upstreamModel());
        ArrayNode messages = body.putArray("Messages");
        for (ChatTurn turn : ChatTurn.of(openAi, context.systemPrompt())) {
            messages.addObject().put("Role", turn.role()).put("Content", turn.text());
        }
        body.put("Stream", context.stream());
        RequestFields.copy(openAi, "top_p", body, "TopP");
        RequestFields.copy(openAi, "temperature", body, "Temperature");
        UpstreamRequest.Builder upstream = HunyuanRequests.signedPost(context, ACTION, Json.write(body),
                clockSeconds.getAsLong());
        return upstream.header("Accept", context.stream() ? "text/event-stream" : "application/json").build();
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode reply = Json.read(body);
        JsonNode response = reply.path("Response");
        TranslatedBody refusal = HunyuanErrors.FORMAT.refusal(reply, body, response.path("Choices").isArray());
        if (refusal != null) {
            return refusal;
        }
        usage = usage(response.path("Usage"));
        JsonNode choice = response.path("Choices").path(0);
        ObjectNode message = OpenAiAnswers.assistant(choice.path("Message").path("Content").asText(""));
        String finish = finishReason(choice);
        return new TranslatedBody(status, answers.chat(message, finish == null ? "stop" : finish, usage), usage);
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        JsonNode data = Json.read(event.data());
        ProviderFailure failure = HunyuanErrors.read(data);
        if (failure != null) {
            sink.emit(failure.streamChunk());
            return;
        }
        Usage seen = usage(data.path("Usage"));
        if (!seen.isEmpty()) {
            usage = seen;
        }
        JsonNode choice = data.path("Choices").path(0);
        String content = choice.path("Delta").path("Content").asText("");
        String finish = finishReason(choice);
        if (!content.isEmpty() || finish != null) {
            ObjectNode delta = Json.object();
            if (!content.isEmpty()) {
                delta.put("content", content);
            }
            answers.delta(sink, delta, finish);
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return HunyuanErrors.FORMAT.message(body);
    }

    /** Hunyuan's {@code FinishReason}: empty while streaming, {@code stop}, {@code sensitive} (moderated). */
    private static String finishReason(JsonNode choice) {
        String reason = choice.path("FinishReason").asText("");
        return switch (reason) {
            case "" -> null;
            case "sensitive" -> "content_filter";
            default -> reason;
        };
    }

    static Usage usage(JsonNode usage) {
        return TokenCounts.read(usage, "PromptTokens", "CompletionTokens", "TotalTokens");
    }
}
