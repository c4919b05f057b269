package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;

/**
 * Legacy PaLM 2 chat as One API has it: {@code {base}/v1beta2/models/chat-bison-001:generateMessage} with
 * {@code x-goog-api-key}; user messages are author "0", every other turn author "1"; temperature, top_p,
 * top_k and n as candidateCount. System messages go to {@code prompt.context} (One API sent them as author
 * "1" turns). Candidates come back as choices; PaLM reports no usage, so the core counts tokens.
 *
 * <p>PaLM cannot stream. One API faked a stream from the unary answer; the core cannot turn a unary upstream
 * answer into a client stream, so a streaming request is refused with a clear message instead.
 */
final class OpenAiToPalmExchange implements ProviderExchange {
    private final ExchangeContext context;

    OpenAiToPalmExchange(ExchangeContext context) {
        this.context = context;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        if (context.mode() != RelayMode.CHAT_COMPLETIONS) {
            throw new IllegalArgumentException(context.requestPath() + " is not supported for PaLM channels");
        }
        if (context.stream()) {
            throw new IllegalArgumentException("PaLM cannot stream; send the request with \"stream\": false");
        }
        JsonNode json = request.json();
        ObjectNode body = Json.object();
        ObjectNode prompt = body.putObject("prompt");
        StringBuilder instructions = new StringBuilder(context.systemPrompt());
        ArrayNode messages = prompt.putArray("messages");
        for (JsonNode message : json.path("messages")) {
            String role = message.path("role").asText("");
            String text = GeminiParts.textOf(message.path("content"));
            if (role.equals("system") || role.equals("developer")) {
                if (context.systemPrompt().isEmpty()) {
                    instructions.append(instructions.isEmpty() ? "" : "\n").append(text);
                }
            } else {
                messages.addObject().put("author", role.equals("user") ? "0" : "1").put("content", text);
            }
        }
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("messages must hold at least one user or assistant message");
        }
        if (!instructions.isEmpty()) {
            prompt.put("context", instructions.toString());
        }
        copy(json, "temperature", body, "temperature");
        copy(json, "top_p", body, "topP");
        copy(json, "top_k", body, "topK");
        copy(json, "n", body, "candidateCount");
        String base = context.channel().baseUrl().isEmpty() ? GoogleChannelTypes.GOOGLE_API
                : context.channel().baseUrl();
        return UpstreamRequest.builder("POST", base + "/v1beta2/models/chat-bison-001:generateMessage")
                .header("Content-Type", "application/json")
                .header("x-goog-api-key", context.channel().key())
                .body(Json.bytes(body)).build();
    }

    private static void copy(JsonNode from, String name, ObjectNode to, String as) {
        if (from.path(name).isNumber()) {
            to.set(as, from.get(name));
        }
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
        JsonNode candidates = root.path("candidates");
        if (candidates.isEmpty()) {
            String reason = root.path("filters").path(0).path("reason").asText("");
            return reason.isEmpty()
                    ? GeminiToOpenAi.failure(502, "PaLM returned no candidates", "no_candidates", "UNAVAILABLE")
                    : GeminiToOpenAi.failure(400, "PaLM filtered the conversation (reason " + reason + ")",
                            "prompt_blocked", "INVALID_ARGUMENT");
        }
        ObjectNode completion = Json.object().put("id", GeminiToOpenAi.completionId(Json.object()))
                .put("object", "chat.completion").put("created", System.currentTimeMillis() / 1000)
                .put("model", context.upstreamModel());
        ArrayNode choices = completion.putArray("choices");
        for (int i = 0; i < candidates.size(); i++) {
            ObjectNode choice = choices.addObject().put("index", i);
            choice.putObject("message").put("role", "assistant")
                    .put("content", candidates.get(i).path("content").asText(""));
            choice.put("finish_reason", "stop");
        }
        return new TranslatedBody(status, Json.bytes(completion), Usage.NONE);
    }
}
