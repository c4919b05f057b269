package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.Header;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * OpenAI {@code /v1/embeddings} as Gemini {@code batchEmbedContents}: one request per input text
 * ({@code dimensions} becomes {@code outputDimensionality}), answered as an OpenAI embedding list (as
 * base64 little-endian float32 when the client asked for {@code encoding_format: base64}). Gemini reports no
 * token usage for embeddings, so the exchange reports none and the core counts the input itself.
 */
final class OpenAiToGeminiEmbeddingsExchange implements ProviderExchange {
    private final ExchangeContext context;
    private final GeminiEndpoint endpoint;
    private boolean base64;

    OpenAiToGeminiEmbeddingsExchange(ExchangeContext context, GeminiEndpoint endpoint) {
        this.context = context;
        this.endpoint = endpoint;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        JsonNode json = request.json();
        String model = GeminiModels.pathSegment(context.upstreamModel());
        base64 = "base64".equals(json.path("encoding_format").asText(""));
        ObjectNode body = Json.object();
        ArrayNode requests = body.putArray("requests");
        for (String text : inputs(json.path("input"))) {
            ObjectNode one = requests.addObject().put("model", "models/" + model);
            one.putObject("content").putArray("parts").addObject().put("text", text);
            if (json.path("dimensions").isInt()) {
                one.put("outputDimensionality", json.get("dimensions").asInt());
            }
        }
        Header auth = endpoint.auth();
        return UpstreamRequest.builder("POST", endpoint.url(model, GeminiEndpoint.EMBED, false))
                .header("Content-Type", "application/json").header(auth.name(), auth.value())
                .body(Json.bytes(body)).build();
    }

    private static List<String> inputs(JsonNode input) {
        List<String> texts = new ArrayList<>();
        if (input.isTextual()) {
            texts.add(input.asText());
        } else if (input.isArray()) {
            for (JsonNode item : input) {
                if (!item.isTextual()) {
                    throw new IllegalArgumentException("Gemini embeddings take text input only, not token arrays");
                }
                texts.add(item.asText());
            }
        }
        if (texts.isEmpty()) {
            throw new IllegalArgumentException("input must be a string or a non-empty array of strings");
        }
        return texts;
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode root = Json.parseLenient(body);
        if (root.path("error").isObject()) {
            return GeminiToOpenAi.errorAnswer(root, body);
        }
        if (!root.path("embeddings").isArray()) {
            return GeminiToOpenAi.failure(502, "Gemini returned no embeddings", "no_embeddings", "UNAVAILABLE");
        }
        ObjectNode list = Json.object().put("object", "list");
        ArrayNode data = list.putArray("data");
        int index = 0;
        for (JsonNode embedding : root.get("embeddings")) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", index++);
            JsonNode values = embedding.path("values");
            if (base64) {
                item.put("embedding", floats(values));
            } else {
                item.set("embedding", values);
            }
        }
        list.put("model", context.upstreamModel());
        list.putObject("usage").put("prompt_tokens", 0).put("total_tokens", 0);
        return new TranslatedBody(status, Json.bytes(list), Usage.NONE);
    }

    /** OpenAI's base64 embedding encoding: the float32 values, little-endian. */
    private static String floats(JsonNode values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.size() * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        values.forEach(v -> buffer.putFloat(v.floatValue()));
        return Base64.getEncoder().encodeToString(buffer.array());
    }
}
