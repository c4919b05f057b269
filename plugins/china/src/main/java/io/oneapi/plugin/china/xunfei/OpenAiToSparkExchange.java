package io.oneapi.plugin.china.xunfei;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.china.common.ChatTurn;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.KeyParts;
import io.oneapi.plugin.china.common.OpenAiAnswers;
import io.oneapi.plugin.china.common.ProviderFailure;
import io.oneapi.plugin.china.common.RequestFields;
import io.oneapi.plugin.china.common.Stamp;
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
import io.oneapi.spi.WebSocketUpstream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A chat completion on iFlytek Spark v1, a WebSocket API ({@link WebSocketUpstream}: the core owns the socket).
 * The key is {@code APPID|APISecret|APIKey}; the URL is signed with the secret and key, the version and domain
 * come from the model ({@link SparkVersions}). The first message carries {@code header.app_id},
 * {@code parameter.chat} (domain, temperature, {@code top_k} from {@code n} and {@code max_tokens}, as One API)
 * and the messages, and functions for the domains that take them. Every answer message holds a text piece;
 * the last ({@code status} 2) holds the usage.
 */
final class OpenAiToSparkExchange implements ProviderExchange, WebSocketUpstream {
    private final ExchangeContext context;
    private final Stamp stamp;
    private final OpenAiAnswers answers;
    private final Supplier<Instant> clock;
    private Usage usage = Usage.NONE;

    OpenAiToSparkExchange(ExchangeContext context, Stamp stamp, Supplier<Instant> clock) {
        this.context = context;
        this.stamp = stamp;
        this.answers = new OpenAiAnswers(stamp, context.upstreamModel());
        this.clock = clock;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        String[] key = KeyParts.split(context.channel().key(), '|', 3, "APPID|APISecret|APIKey");
        String version = SparkVersions.version(context.upstreamModel(), context.channel().setting("api_version", ""));
        String domain = SparkVersions.domain(version);
        JsonNode openAi = request.json();
        ObjectNode frame = Json.object();
        frame.putObject("header").put("app_id", key[0]);
        ObjectNode chat = frame.putObject("parameter").putObject("chat").put("domain", domain);
        RequestFields.copy(openAi, "temperature", chat, "temperature");
        RequestFields.copy(openAi, "n", chat, "top_k");
        JsonNode maxTokens = RequestFields.maxTokens(openAi);
        if (maxTokens != null) {
            chat.set("max_tokens", maxTokens);
        }
        ObjectNode payload = frame.putObject("payload");
        ArrayNode text = payload.putObject("message").putArray("text");
        for (ChatTurn turn : ChatTurn.of(openAi, context.systemPrompt())) {
            text.addObject().put("role", turn.role()).put("content", turn.text());
        }
        if (SparkVersions.takesFunctions(domain) && openAi.path("tools").isArray()) {
            ArrayNode functions = payload.putObject("functions").putArray("text");
            openAi.path("tools").forEach(tool -> functions.add(tool.path("function")));
        }
        String url = SparkAuthUrl.sign(XunfeiAdapter.socketBase(context.channel()) + SparkVersions.path(version),
                key[2], key[1], clock.get());
        return UpstreamRequest.builder("GET", url).body(Json.write(frame)).build();
    }

    @Override
    public boolean endsAnswer(byte[] message) {
        SparkFrame frame = SparkFrame.of(message);
        return frame.isLast() || SparkErrors.read(frame.node()) != null;
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        SparkFrame frame = SparkFrame.of(event.data());
        ProviderFailure failure = SparkErrors.read(frame.node());
        if (failure != null) {
            sink.emit(failure.streamChunk());
            return;
        }
        usage = add(usage, frame.usage());
        ArrayNode toolCalls = frame.toolCalls("call_" + stamp.id());
        ObjectNode delta = Json.object();
        if (!frame.content().isEmpty()) {
            delta.put("content", frame.content());
        }
        if (toolCalls != null) {
            delta.set("tool_calls", toolCalls);
        }
        String finish = frame.isLast() ? (toolCalls != null ? "tool_calls" : "stop") : null;
        if (!delta.isEmpty() || finish != null) {
            answers.delta(sink, delta, finish);
        }
    }

    /** All messages of a unary answer, one per line. */
    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        StringBuilder content = new StringBuilder();
        ArrayNode toolCalls = null;
        boolean any = false;
        for (String line : new String(body, StandardCharsets.UTF_8).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            byte[] message = line.getBytes(StandardCharsets.UTF_8);
            SparkFrame frame = SparkFrame.of(message);
            ProviderFailure failure = SparkErrors.read(frame.node());
            if (failure != null) {
                return failure.asBody(message);
            }
            any = true;
            content.append(frame.content());
            usage = add(usage, frame.usage());
            toolCalls = toolCalls != null ? toolCalls : frame.toolCalls("call_" + stamp.id());
        }
        if (!any) {
            String error = "{\"error\":{\"message\":\"Spark sent no answer\",\"type\":\"upstream_error\","
                    + "\"code\":\"xunfei_empty_response_detected\"}}";
            return new TranslatedBody(500, error.getBytes(StandardCharsets.UTF_8), Usage.NONE);
        }
        ObjectNode message = OpenAiAnswers.assistant(content.toString());
        if (toolCalls != null) {
            message.set("tool_calls", toolCalls);
        }
        return new TranslatedBody(200, answers.chat(message, toolCalls != null ? "tool_calls" : "stop", usage), usage);
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return SparkErrors.message(body);
    }

    /** One API sums the usage of every message (only the last carries one). */
    private static Usage add(Usage sum, Usage more) {
        if (more.isEmpty()) {
            return sum;
        }
        return new Usage(sum.promptTokens() + more.promptTokens(), sum.completionTokens() + more.completionTokens(),
                sum.totalTokens() + more.totalTokens());
    }
}
