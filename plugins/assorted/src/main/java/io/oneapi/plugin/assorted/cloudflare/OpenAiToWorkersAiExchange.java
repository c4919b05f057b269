package io.oneapi.plugin.assorted.cloudflare;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.assorted.common.ChatMessage;
import io.oneapi.plugin.assorted.common.ChatMessages;
import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.UpstreamRequest;

/**
 * Chat completions and embeddings on Workers AI's OpenAI-compatible endpoints
 * ({@code .../ai/v1/chat/completions}, {@code .../ai/v1/embeddings}). The wire format is OpenAI's, so
 * the core forwards the response bytes and reads usage from them; the client's body goes up untouched
 * unless the channel maps the model or forces a system prompt.
 */
final class OpenAiToWorkersAiExchange implements ProviderExchange {
    private final ExchangeContext context;

    OpenAiToWorkersAiExchange(ExchangeContext context) {
        this.context = context;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        String path = context.mode() == RelayMode.EMBEDDINGS ? "/v1/embeddings" : "/v1/chat/completions";
        UpstreamRequest.Builder upstream = UpstreamRequest.builder("POST",
                        WorkersAiUrls.prefix(context.channel()) + path)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + context.channel().key());
        if (context.stream()) {
            upstream.header("Accept", "text/event-stream");
        }
        boolean forcePrompt = context.mode() == RelayMode.CHAT_COMPLETIONS && !context.systemPrompt().isEmpty();
        if (context.modelMapped() || forcePrompt) {
            upstream.body(rewrite(request, forcePrompt));
        }
        return upstream.build();
    }

    private byte[] rewrite(ClientRequest request, boolean forcePrompt) {
        ObjectNode body = request.json().deepCopy();
        body.put("model", context.upstreamModel());
        if (forcePrompt) {
            ArrayNode messages = body.putArray("messages");
            for (ChatMessage message : ChatMessages.of(request.json(), context.systemPrompt())) {
                messages.add(message.raw());
            }
        }
        return JsonBodies.bytes(body);
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.PASSTHROUGH;
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return WorkersAiUrls.errorMessage(body);
    }
}
