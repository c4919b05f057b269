package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.StreamFraming;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;

/**
 * An OpenAI chat request to Meta Llama on AWS Bedrock (One API's {@code llama3-8b-8192} and {@code llama3-70b-8192}),
 * sent as {@link BedrockInvoke} describes. The body is {@code prompt} ({@link LlamaPrompt}), {@code max_gen_len},
 * {@code temperature} and {@code top_p}. The answer is {@code generation} with {@code prompt_token_count},
 * {@code generation_token_count} and {@code stop_reason}; a stream's {@code chunk} events carry such objects
 * base64-encoded, each with the next piece of the text, and the last one Bedrock's invocation metrics.
 */
final class BedrockLlamaExchange implements ProviderExchange {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExchangeContext context;
    private final String baseUrl;
    private final Instant now;
    private final OpenAiChunks chunks;
    private boolean includeUsage;
    private boolean started;
    private boolean finished;
    private int promptTokens = -1;
    private int completionTokens = -1;

    /**
     * @param baseUrl the channel's base URL override, empty for the region's Bedrock runtime endpoint
     * @param answerId the id of the OpenAI answer (Bedrock gives Llama answers none)
     */
    BedrockLlamaExchange(ExchangeContext context, String baseUrl, Instant now, String answerId) {
        this.context = context;
        this.baseUrl = baseUrl;
        this.now = now;
        this.chunks = new OpenAiChunks(context.requestedModel(), now.getEpochSecond());
        chunks.id(answerId);
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        if (context.mode() != RelayMode.CHAT_COMPLETIONS) {
            throw new IllegalArgumentException("Llama on AWS Bedrock serves only /v1/chat/completions");
        }
        BedrockAccount account = BedrockAccount.of(context.channel());
        JsonNode chat = request.json();
        ObjectNode body = JSON.createObjectNode().put("prompt", LlamaPrompt.render(chat.path("messages"),
                context.systemPrompt()));
        copyNumber(chat, chat.hasNonNull("max_completion_tokens") ? "max_completion_tokens" : "max_tokens", body,
                "max_gen_len");
        copyNumber(chat, "temperature", body, "temperature");
        copyNumber(chat, "top_p", body, "top_p");
        includeUsage = chat.path("stream_options").path("include_usage").asBoolean(false)
                || context.enforceIncludeUsage();
        byte[] payload;
        try {
            payload = JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
        return BedrockInvoke.request(account, baseUrl, BedrockModels.idFor(context.upstreamModel()), context.stream(),
                payload, now);
    }

    private static void copyNumber(JsonNode from, String name, ObjectNode to, String as) {
        JsonNode value = from.path(name);
        if (value.isNumber()) {
            to.set(as, value);
        } else if (!value.isMissingNode() && !value.isNull()) {
            throw new IllegalArgumentException(name + " must be a number");
        }
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public StreamFraming streamFraming() {
        return context.stream() ? StreamFraming.AWS_EVENT_STREAM : StreamFraming.SSE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        } catch (IOException e) {
            return new TranslatedBody(status, body, Usage.NONE);
        }
        if (answer == null || !answer.path("generation").isTextual()) {
            return new TranslatedBody(status, body, Usage.NONE);
        }
        counts(answer);
        ObjectNode completion = JSON.createObjectNode().put("id", chunks.id()).put("object", "chat.completion")
                .put("created", now.getEpochSecond()).put("model", context.requestedModel());
        ObjectNode choice = completion.putArray("choices").addObject().put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", answer.path("generation").asText());
        choice.put("finish_reason", finishReason(answer.path("stop_reason").asText("stop")));
        Usage usage = usage();
        writeUsage(completion, usage);
        try {
            return new TranslatedBody(status, JSON.writeValueAsBytes(completion), usage);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        JsonNode payload = parse(event.data());
        if ("chunk".equals(event.event())) {
            String bytes = payload.path("bytes").asText("");
            if (!bytes.isEmpty()) {
                piece(parse(Base64.getDecoder().decode(bytes)), sink);
            }
        } else if (event.event().startsWith("exception:") || event.event().startsWith("error:")) {
            String type = event.event().substring(event.event().indexOf(':') + 1);
            ObjectNode error = JSON.createObjectNode();
            error.putObject("error").put("message", payload.path("message")
                    .asText("The Bedrock stream failed (" + type + ").")).put("type", type).put("param", "")
                    .put("code", type);
            emit(sink, error);
        }
    }

    /** One streamed piece of the answer: its text, its counts and, at the end, the stop reason. */
    private void piece(JsonNode piece, EventSink sink) {
        counts(piece);
        String text = piece.path("generation").asText("");
        if (!started || !text.isEmpty()) {
            ObjectNode delta = OpenAiChunks.delta();
            if (!started) {
                delta.put("role", "assistant");
                started = true;
            }
            emit(sink, chunks.choice(delta.put("content", text), null));
        }
        JsonNode stop = piece.path("stop_reason");
        if (stop.isTextual() && !finished) {
            finished = true;
            emit(sink, chunks.choice(OpenAiChunks.delta(), finishReason(stop.asText())));
        }
    }

    /** The counts a piece or answer carries; Bedrock's invocation metrics, when present, are the final word. */
    private void counts(JsonNode node) {
        if (node.path("prompt_token_count").isInt()) {
            promptTokens = node.path("prompt_token_count").asInt();
        }
        if (node.path("generation_token_count").isInt()) {
            completionTokens = node.path("generation_token_count").asInt();
        }
        JsonNode metrics = node.path("amazon-bedrock-invocationMetrics");
        if (metrics.path("inputTokenCount").isInt()) {
            promptTokens = metrics.path("inputTokenCount").asInt();
        }
        if (metrics.path("outputTokenCount").isInt()) {
            completionTokens = metrics.path("outputTokenCount").asInt();
        }
    }

    private static String finishReason(String stopReason) {
        return "length".equals(stopReason) ? "length" : "stop";
    }

    @Override
    public void onStreamEnd(EventSink sink) {
        Usage usage = usage();
        if (includeUsage && !usage.isEmpty()) {
            ObjectNode chunk = chunks.choice(OpenAiChunks.delta(), null);
            chunk.putArray("choices");
            writeUsage(chunk, usage);
            emit(sink, chunk);
        }
    }

    /** What Bedrock reported; {@link Usage#NONE} until both counts are known (the core then counts itself). */
    @Override
    public Usage usage() {
        return promptTokens < 0 || completionTokens < 0 ? Usage.NONE : Usage.of(promptTokens, completionTokens);
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return BedrockErrors.message(body);
    }

    private static JsonNode parse(byte[] json) {
        try {
            JsonNode node = JSON.readTree(json);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static void emit(EventSink sink, ObjectNode chunk) {
        OpenAiChunks.emit(sink, chunk);
    }

    private static void writeUsage(ObjectNode parent, Usage usage) {
        parent.putObject("usage").put("prompt_tokens", usage.promptTokens())
                .put("completion_tokens", usage.completionTokens()).put("total_tokens", usage.totalTokens());
    }
}
