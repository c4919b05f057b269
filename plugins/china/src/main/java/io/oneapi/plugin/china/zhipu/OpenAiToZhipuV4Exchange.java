package io.oneapi.plugin.china.zhipu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.china.common.BaseUrls;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.RequestFields;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.UpstreamRequest;

/**
 * Zhipu's v4 API, which speaks OpenAI's format: chat completions of the {@code glm-*} models, embeddings and
 * CogView image generation. The body is the client's with the channel's model, {@code temperature} and
 * {@code top_p} clamped to [0, 1] as One API does, and the channel's forced system prompt; the answer and its
 * stream go to the client untouched while the core reads usage from them. Images take {@code model},
 * {@code prompt}, {@code size} and {@code user_id}.
 */
final class OpenAiToZhipuV4Exchange implements ProviderExchange {
    private final ExchangeContext context;
    private final String token;

    OpenAiToZhipuV4Exchange(ExchangeContext context, String token) {
        this.context = context;
        this.token = token;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        JsonNode openAi = request.json();
        String base = BaseUrls.of(context.channel(), ZhipuAdapter.DEFAULT_BASE_URL) + "/api/paas/v4/";
        return switch (context.mode()) {
            case IMAGES_GENERATIONS -> post(base + "images/generations", imageBody(openAi));
            case EMBEDDINGS -> post(base + "embeddings", withModel(openAi));
            default -> post(base + "chat/completions", chatBody(openAi));
        };
    }

    private UpstreamRequest post(String url, ObjectNode body) {
        UpstreamRequest.Builder builder = UpstreamRequest.builder("POST", url)
                .header("Content-Type", "application/json")
                .header("Authorization", token);
        if (context.stream() && context.mode() == RelayMode.CHAT_COMPLETIONS) {
            builder.header("Accept", "text/event-stream");
        }
        return builder.body(Json.write(body)).build();
    }

    private ObjectNode withModel(JsonNode openAi) {
        if (!openAi.isObject()) {
            throw new IllegalArgumentException("the request body must be a JSON object");
        }
        ObjectNode body = ((ObjectNode) openAi).deepCopy();
        body.put("model", context.upstreamModel());
        return body;
    }

    private ObjectNode chatBody(JsonNode openAi) {
        ObjectNode body = withModel(openAi);
        ZhipuParameters.clamp(body);
        String prompt = context.systemPrompt();
        if (!prompt.isEmpty() && body.path("messages").isArray()) {
            ArrayNode messages = (ArrayNode) body.get("messages");
            ObjectNode system = Json.object().put("role", "system").put("content", prompt);
            if (!messages.isEmpty() && "system".equals(messages.get(0).path("role").asText())) {
                messages.set(0, system);
            } else {
                messages.insert(0, system);
            }
        }
        return body;
    }

    private ObjectNode imageBody(JsonNode openAi) {
        ObjectNode body = Json.object().put("model", context.upstreamModel())
                .put("prompt", openAi.path("prompt").asText(""));
        RequestFields.copy(openAi, "size", body, "size");
        RequestFields.copy(openAi, "user", body, "user_id");
        return body;
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.PASSTHROUGH;
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return ZhipuErrors.FORMAT.message(body);
    }
}
