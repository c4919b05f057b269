package io.oneapi.plugin.assorted.ollama;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.assorted.common.ChannelUrls;
import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.plugin.assorted.common.OpenAiResponses;
import io.oneapi.plugin.assorted.common.ProviderErrors;
import io.oneapi.plugin.assorted.common.UnexpectedReplies;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;

/**
 * OpenAI embeddings against Ollama's {@code /api/embed}, which takes one text or a list and answers
 * {@code embeddings} (one vector per input) with the prompt's token count.
 */
final class OpenAiToOllamaEmbedExchange implements ProviderExchange {
    private final ExchangeContext context;

    OpenAiToOllamaEmbedExchange(ExchangeContext context) {
        this.context = context;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        JsonNode input = request.json().path("input");
        if (!isText(input)) {
            throw new IllegalArgumentException("Ollama embeddings take a text or a list of texts as input");
        }
        ObjectNode body = JsonBodies.object().put("model", context.upstreamModel());
        body.set("input", input);
        String url = ChannelUrls.base(context.channel(), OllamaAdapter.DEFAULT_BASE_URL) + "/api/embed";
        return OllamaAuth.request(url, context, JsonBodies.bytes(body));
    }

    /** Ollama embeds text only: OpenAI's token-id arrays have no equivalent. */
    private static boolean isText(JsonNode input) {
        if (input.isTextual()) {
            return true;
        }
        if (!input.isArray() || input.isEmpty()) {
            return false;
        }
        for (JsonNode item : input) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode reply = JsonBodies.parse(body);
        if (!reply.path("embeddings").isArray()) {
            return UnexpectedReplies.failure(reply, body);
        }
        ObjectNode out = JsonBodies.object().put("object", "list");
        ArrayNode data = out.putArray("data");
        int index = 0;
        for (JsonNode vector : reply.path("embeddings")) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", index++);
            item.set("embedding", vector);
        }
        out.put("model", context.upstreamModel());
        int prompt = reply.path("prompt_eval_count").asInt(0);
        Usage usage = prompt > 0 ? new Usage(prompt, 0, prompt) : Usage.NONE;
        if (!usage.isEmpty()) {
            out.set("usage", OpenAiResponses.usage(usage).without("completion_tokens"));
        }
        return new TranslatedBody(status, JsonBodies.bytes(out), usage);
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return ProviderErrors.text(JsonBodies.parse(body), "error");
    }
}
