package io.oneapi.plugin.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.FollowUp;
import io.oneapi.spi.FollowUps;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;

/**
 * A chat completion by a Replicate language model. As One API does, the messages are flattened into one
 * {@code prompt} of "role: content" lines, with {@code max_tokens} 500, {@code temperature} and {@code top_p}
 * 1 and no penalties unless the client says otherwise. A stream creates the prediction with
 * {@code stream: true} and then reads the server-sent events at its {@code urls.stream} at once (events
 * {@code output}, {@code done}, {@code error}); One API waited for the prediction to finish first. Unlike One
 * API, a unary request works too: created with {@code Prefer: wait}, polled if need be, its output joined and
 * billed with the prediction's token metrics.
 */
final class OpenAiToReplicateExchange implements ProviderExchange, FollowUps {
    static final int DEFAULT_MAX_TOKENS = 500;

    private final ExchangeContext context;
    private final ChatAnswer answer;
    private final PredictionPolling polling;
    private boolean streamAsked;
    private Usage usage = Usage.NONE;
    private boolean finished;

    OpenAiToReplicateExchange(ExchangeContext context, ChatAnswer answer) {
        this.context = context;
        this.answer = answer;
        this.polling = new PredictionPolling(context);
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        JsonNode openAi = request.json();
        ObjectNode body = Predictions.JSON.createObjectNode();
        ObjectNode input = body.putObject("input").put("prompt", ReplicatePrompt.of(openAi, context.systemPrompt()));
        JsonNode maxTokens = openAi.path("max_tokens");
        input.put("max_tokens", maxTokens.asInt(0) > 0 ? maxTokens.asInt() : DEFAULT_MAX_TOKENS);
        input.put("temperature", openAi.path("temperature").asDouble(1.0));
        input.put("top_p", openAi.path("top_p").asDouble(1.0));
        input.put("presence_penalty", openAi.path("presence_penalty").asDouble(0));
        input.put("frequency_penalty", openAi.path("frequency_penalty").asDouble(0));
        if (context.stream()) {
            body.put("stream", true);
            return Predictions.create(context, body).build();
        }
        return Predictions.create(context, body).header("Prefer", "wait").build();
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    /** A streaming client may still get a unary answer (a model that does not stream): sent as one chunk. */
    @Override
    public boolean upstreamStreams() {
        return false;
    }

    @Override
    public FollowUp followUp(int status, UpstreamHeaders headers, byte[] body) {
        if (!context.stream()) {
            return polling.next(status, body);
        }
        if (streamAsked) {
            return null; // the stream URL answered with something else than a stream: translateBody reports it
        }
        JsonNode prediction = Predictions.read(body);
        String stream = prediction.path("urls").path("stream").asText("");
        if (stream.isEmpty() || Predictions.isFinal(prediction)) {
            return polling.next(status, body);
        }
        streamAsked = true;
        return FollowUp.now(Predictions.get(context, stream).header("Accept", "text/event-stream")
                .header("Cache-Control", "no-store").build());
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        if (streamAsked) {
            return new TranslatedBody(status / 100 == 2 ? 502 : status, body, Usage.NONE);
        }
        polling.read(status, body);
        TranslatedBody failure = polling.failure(status, body);
        if (failure != null) {
            return failure;
        }
        JsonNode prediction = polling.prediction();
        JsonNode output = prediction.path("output");
        StringBuilder text = new StringBuilder();
        if (output.isArray()) {
            output.forEach(piece -> text.append(piece.asText("")));
        } else {
            text.append(output.asText(""));
        }
        JsonNode metrics = prediction.path("metrics");
        usage = Usage.of(metrics.path("input_token_count").asInt(0), metrics.path("output_token_count").asInt(0));
        return new TranslatedBody(200, answer.completion(text.toString(), usage), usage);
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        switch (event.event()) {
            case "output" -> answer.chunk(sink, event.dataAsString(), null);
            case "done" -> {
                String reason = Predictions.read(event.data()).path("reason").asText("");
                if (reason.equals("error")) {
                    sink.emit(streamError("the prediction failed", "replicate_error"));
                } else if (!finished) {
                    finished = true;
                    answer.chunk(sink, null, "stop");
                }
            }
            case "error" -> {
                String detail = Predictions.read(event.data()).path("detail").asText(event.dataAsString());
                sink.emit(streamError(detail, "replicate_error"));
            }
            default -> {
                // Replicate sends nothing else the client needs.
            }
        }
    }

    private static byte[] streamError(String message, String code) {
        ObjectNode body = Predictions.JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", "upstream_error").put("param", "")
                .put("code", code);
        return Predictions.write(body);
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return ReplicateErrors.message(body);
    }
}
