package io.oneapi.plugin.china.ernie;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.china.common.BaseUrls;
import io.oneapi.plugin.china.common.ChatTurn;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.OpenAiAnswers;
import io.oneapi.plugin.china.common.ProviderFailure;
import io.oneapi.plugin.china.common.RequestFields;
import io.oneapi.plugin.china.common.Stamp;
import io.oneapi.plugin.china.common.TokenCounts;
import io.oneapi.spi.AccessToken;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.NeedsCredential;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;

/**
 * A chat completion (unary or streamed) or an embeddings request on Baidu's ERNIE v1 API (wenxinworkshop).
 * The access token comes from the core ({@link NeedsCredential}) and goes into the URL. System messages
 * become {@code system}, {@code frequency_penalty} becomes {@code penalty_score}, {@code max_tokens}
 * {@code max_output_tokens}. Stream events are ERNIE answers with {@code result} pieces and {@code is_end}.
 * Failures mostly arrive in a 200 answer ({@code error_code}); they are handed back as failures.
 */
final class OpenAiToErnieExchange implements ProviderExchange, NeedsCredential {
    static final String API_PATH = "/rpc/2.0/ai_custom/v1/wenxinworkshop/";

    private final ExchangeContext context;
    private final String base;
    private final ErnieAccess access;
    private final OpenAiAnswers answers;
    private Usage usage = Usage.NONE;
    private boolean finished;

    OpenAiToErnieExchange(ExchangeContext context, Stamp stamp) {
        this.context = context;
        this.base = BaseUrls.of(context.channel(), ErnieAdapter.DEFAULT_BASE_URL);
        this.access = new ErnieAccess(context.channel().key(), base);
        this.answers = new OpenAiAnswers(stamp, context.upstreamModel());
    }

    @Override
    public String credentialKey() {
        return access.credentialKey();
    }

    @Override
    public UpstreamRequest credentialRequest() {
        return access.tokenRequest();
    }

    @Override
    public AccessToken parseCredential(byte[] body) {
        return ErnieAccess.parse(body);
    }

    @Override
    public void useCredential(AccessToken token) {
        access.use(token);
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        JsonNode openAi = request.json();
        ObjectNode body = context.mode() == RelayMode.EMBEDDINGS ? embeddingsBody(openAi) : chatBody(openAi);
        String url = base + API_PATH + ErnieEndpoints.path(context.upstreamModel()) + "?" + access.query();
        return UpstreamRequest.builder("POST", url)
                .header("Content-Type", "application/json")
                .header("Accept", context.stream() ? "text/event-stream" : "application/json")
                .body(Json.write(body)).build();
    }

    private ObjectNode chatBody(JsonNode openAi) {
        ObjectNode body = Json.object();
        ArrayNode messages = body.putArray("messages");
        for (ChatTurn turn : ChatTurn.of(openAi, context.systemPrompt())) {
            if (turn.role().equals("system")) {
                body.put("system", turn.text()); // the last one wins, as in One API
            } else {
                messages.addObject().put("role", turn.role()).put("content", turn.text());
            }
        }
        RequestFields.copy(openAi, "temperature", body, "temperature");
        RequestFields.copy(openAi, "top_p", body, "top_p");
        RequestFields.copy(openAi, "frequency_penalty", body, "penalty_score");
        JsonNode maxTokens = RequestFields.maxTokens(openAi);
        if (maxTokens != null) {
            body.set("max_output_tokens", maxTokens);
        }
        RequestFields.copy(openAi, "user", body, "user_id");
        if (context.stream()) {
            body.put("stream", true);
        }
        return body;
    }

    private static ObjectNode embeddingsBody(JsonNode openAi) {
        ObjectNode body = Json.object();
        ArrayNode input = body.putArray("input");
        RequestFields.embeddingInputs(openAi).forEach(input::add);
        return body;
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode reply = Json.read(body);
        TranslatedBody refusal = ErnieErrors.FORMAT.refusal(reply, body, reply.isObject());
        if (refusal != null) {
            return refusal;
        }
        usage = TokenCounts.read(reply.path("usage"), "prompt_tokens", "completion_tokens", "total_tokens");
        if (context.mode() == RelayMode.EMBEDDINGS) {
            ArrayNode data = OpenAiAnswers.embeddingItems(reply.path("data"), "embedding", "index");
            return new TranslatedBody(status, answers.embeddings(data, usage), usage);
        }
        ObjectNode message = OpenAiAnswers.assistant(reply.path("result").asText(""));
        return new TranslatedBody(status, answers.chat(message, ErnieReplies.finishReason(reply), usage), usage);
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        JsonNode data = Json.read(event.data());
        ProviderFailure failure = ErnieErrors.read(data);
        if (failure != null) {
            sink.emit(failure.streamChunk());
            return;
        }
        Usage seen = ErnieReplies.streamUsage(data);
        if (seen != null) {
            usage = seen;
        }
        answers.content(sink, data.path("result").asText(""));
        if (data.path("is_end").asBoolean(false) && !finished) {
            finished = true;
            answers.finish(sink, ErnieReplies.finishReason(data));
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return ErnieErrors.FORMAT.message(body);
    }
}
