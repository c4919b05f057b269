package io.oneapi.plugin.china.qwen;

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
import java.util.Locale;

/**
 * A chat completion on DashScope's native text generation API, as One API sends it: the messages under
 * {@code input}, {@code result_format: message}, a model suffix {@code -internet} turned into
 * {@code enable_search}, {@code top_p} kept below 1 (DashScope refuses 1), streams with
 * {@code incremental_output} and {@code X-DashScope-SSE: enable}. Answers carry OpenAI-shaped choices and
 * DashScope's token counts.
 */
final class OpenAiToQwenExchange implements ProviderExchange {
    static final String PATH = "/api/v1/services/aigc/text-generation/generation";
    static final String SEARCH_SUFFIX = "-internet";
    private static final double TOP_P_BELOW_ONE = 0.9999;

    private final ExchangeContext context;
    private final OpenAiAnswers answers;
    private Usage usage = Usage.NONE;

    OpenAiToQwenExchange(ExchangeContext context, Stamp stamp) {
        this.context = context;
        this.answers = new OpenAiAnswers(stamp, context.upstreamModel());
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        JsonNode openAi = request.json();
        String model = context.upstreamModel();
        boolean search = model.endsWith(SEARCH_SUFFIX);
        ObjectNode body = Json.object().put("model", search
                ? model.substring(0, model.length() - SEARCH_SUFFIX.length()) : model);
        ArrayNode messages = body.putObject("input").putArray("messages");
        for (ChatTurn turn : ChatTurn.of(openAi, context.systemPrompt())) {
            ObjectNode message = messages.addObject().put("role", turn.role().toLowerCase(Locale.ROOT))
                    .put("content", turn.text());
            RequestFields.copy(turn.raw(), "tool_calls", message, "tool_calls");
            RequestFields.copy(turn.raw(), "tool_call_id", message, "tool_call_id");
            RequestFields.copy(turn.raw(), "name", message, "name");
        }
        body.set("parameters", parameters(openAi, search));
        UpstreamRequest.Builder upstream = QwenRequests.post(context, PATH);
        if (context.stream()) {
            upstream.header("Accept", "text/event-stream").header("X-DashScope-SSE", "enable");
        }
        return upstream.body(Json.write(body)).build();
    }

    private ObjectNode parameters(JsonNode openAi, boolean search) {
        ObjectNode parameters = Json.object().put("result_format", "message");
        if (search) {
            parameters.put("enable_search", true);
        }
        if (context.stream()) {
            parameters.put("incremental_output", true);
        }
        RequestFields.copy(openAi, "seed", parameters, "seed");
        JsonNode maxTokens = RequestFields.maxTokens(openAi);
        if (maxTokens != null) {
            parameters.set("max_tokens", maxTokens);
        }
        RequestFields.copy(openAi, "temperature", parameters, "temperature");
        RequestFields.copy(openAi, "top_p", parameters, "top_p");
        if (parameters.path("top_p").asDouble(0) >= 1) {
            parameters.put("top_p", TOP_P_BELOW_ONE);
        }
        RequestFields.copy(openAi, "top_k", parameters, "top_k");
        RequestFields.copy(openAi, "stop", parameters, "stop");
        RequestFields.copy(openAi, "tools", parameters, "tools");
        return parameters;
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode reply = Json.read(body);
        TranslatedBody refusal = QwenErrors.FORMAT.refusal(reply, body, reply.path("output").path("choices").isArray());
        if (refusal != null) {
            return refusal;
        }
        usage = usage(reply);
        ArrayNode choices = Json.array();
        for (JsonNode choice : reply.path("output").path("choices")) {
            ObjectNode openAi = choices.addObject().put("index", choices.size() - 1);
            openAi.set("message", choice.path("message"));
            String finish = finishReason(choice);
            openAi.put("finish_reason", finish == null ? "stop" : finish);
        }
        return new TranslatedBody(status, answers.chat(choices, usage), usage);
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        JsonNode data = Json.read(event.data());
        ProviderFailure failure = QwenErrors.read(data, 500);
        if (failure != null) {
            sink.emit(failure.streamChunk());
            return;
        }
        if (data.path("usage").path("output_tokens").asInt(0) != 0) {
            usage = usage(data);
        }
        JsonNode choice = data.path("output").path("choices").path(0);
        JsonNode message = choice.path("message");
        ObjectNode delta = Json.object();
        if (!message.path("content").asText("").isEmpty()) {
            delta.put("content", message.path("content").asText());
        }
        RequestFields.copy(message, "reasoning_content", delta, "reasoning_content");
        RequestFields.copy(message, "tool_calls", delta, "tool_calls");
        String finish = finishReason(choice);
        if (!delta.isEmpty() || finish != null) {
            answers.delta(sink, delta, finish);
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return QwenErrors.message(body);
    }

    /** DashScope writes the string {@code "null"} until the last piece. */
    private static String finishReason(JsonNode choice) {
        String reason = choice.path("finish_reason").asText("null");
        return reason.isEmpty() || reason.equals("null") ? null : reason;
    }

    private static Usage usage(JsonNode reply) {
        return TokenCounts.read(reply.path("usage"), "input_tokens", "output_tokens", "total_tokens");
    }
}
