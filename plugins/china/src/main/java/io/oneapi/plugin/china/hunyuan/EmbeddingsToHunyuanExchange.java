package io.oneapi.plugin.china.hunyuan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.OpenAiAnswers;
import io.oneapi.plugin.china.common.RequestFields;
import io.oneapi.plugin.china.common.Stamp;
import io.oneapi.plugin.china.common.TokenCounts;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;
import java.util.function.LongSupplier;

/**
 * Embeddings through Hunyuan's {@code GetEmbedding} action: the inputs as {@code InputList} (as One API sends
 * them), the vectors back in {@code Response.Data[].Embedding} with {@code Usage.PromptTokens}.
 */
final class EmbeddingsToHunyuanExchange implements ProviderExchange {
    static final String ACTION = "GetEmbedding";

    private final ExchangeContext context;
    private final OpenAiAnswers answers;
    private final LongSupplier clockSeconds;

    EmbeddingsToHunyuanExchange(ExchangeContext context, Stamp stamp, LongSupplier clockSeconds) {
        this.context = context;
        this.answers = new OpenAiAnswers(stamp, context.upstreamModel());
        this.clockSeconds = clockSeconds;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        ObjectNode body = Json.object();
        ArrayNode inputs = body.putArray("InputList");
        RequestFields.embeddingInputs(request.json()).forEach(inputs::add);
        return HunyuanRequests.signedPost(context, ACTION, Json.write(body), clockSeconds.getAsLong())
                .header("Accept", "application/json").build();
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode reply = Json.read(body);
        JsonNode response = reply.path("Response");
        TranslatedBody refusal = HunyuanErrors.FORMAT.refusal(reply, body, response.path("Data").isArray());
        if (refusal != null) {
            return refusal;
        }
        ArrayNode data = OpenAiAnswers.embeddingItems(response.path("Data"), "Embedding", "Index");
        Usage usage = TokenCounts.read(response.path("Usage"), "PromptTokens", "CompletionTokens", "TotalTokens");
        return new TranslatedBody(status, answers.embeddings(data, usage), usage);
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return HunyuanErrors.FORMAT.message(body);
    }
}
