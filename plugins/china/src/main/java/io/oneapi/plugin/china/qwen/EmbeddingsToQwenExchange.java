package io.oneapi.plugin.china.qwen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.OpenAiAnswers;
import io.oneapi.plugin.china.common.RequestFields;
import io.oneapi.plugin.china.common.Stamp;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;

/**
 * Embeddings on DashScope's text-embedding API: the inputs go in {@code input.texts}, the vectors come back
 * by {@code text_index}. The model is the channel's (One API always sent {@code text-embedding-v1}), and the
 * {@code total_tokens} DashScope reports are all prompt tokens.
 */
final class EmbeddingsToQwenExchange implements ProviderExchange {
    static final String PATH = "/api/v1/services/embeddings/text-embedding/text-embedding";

    private final ExchangeContext context;
    private final OpenAiAnswers answers;

    EmbeddingsToQwenExchange(ExchangeContext context, Stamp stamp) {
        this.context = context;
        this.answers = new OpenAiAnswers(stamp, context.upstreamModel());
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        ObjectNode body = Json.object().put("model", context.upstreamModel());
        ArrayNode texts = body.putObject("input").putArray("texts");
        RequestFields.embeddingInputs(request.json()).forEach(texts::add);
        return QwenRequests.post(context, PATH).body(Json.write(body)).build();
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode reply = Json.read(body);
        JsonNode embeddings = reply.path("output").path("embeddings");
        TranslatedBody refusal = QwenErrors.FORMAT.refusal(reply, body, embeddings.isArray());
        if (refusal != null) {
            return refusal;
        }
        ArrayNode data = OpenAiAnswers.embeddingItems(embeddings, "embedding", "text_index");
        int tokens = reply.path("usage").path("total_tokens").asInt(0);
        Usage usage = new Usage(tokens, 0, tokens);
        return new TranslatedBody(status, answers.embeddings(data, usage), usage);
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return QwenErrors.message(body);
    }
}
