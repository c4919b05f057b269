package io.oneapi.plugin.assorted.cloudflare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.plugin.assorted.common.OpenAiResponses;
import io.oneapi.plugin.assorted.common.RequestFields;
import io.oneapi.plugin.assorted.common.ResponseStamp;
import io.oneapi.plugin.assorted.common.UnexpectedReplies;
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

/**
 * OpenAI text completions on Workers AI's native {@code /ai/run/{model}}: the prompt and sampling
 * parameters go up as the model's input; the answer is {@code {"result": {"response", "usage"}}} and the
 * stream is SSE with {@code {"response": "..."}} events, the last one carrying {@code usage}. (One API
 * parsed that native answer as an OpenAI body and returned no text.)
 */
final class CompletionsToWorkersAiExchange implements ProviderExchange {
    private final ExchangeContext context;
    private final OpenAiResponses responses;
    private Usage usage = Usage.NONE;

    CompletionsToWorkersAiExchange(ExchangeContext context, ResponseStamp stamp) {
        this.context = context;
        this.responses = new OpenAiResponses(stamp, context.upstreamModel());
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        JsonNode openAi = request.json();
        ObjectNode body = JsonBodies.object().put("prompt", prompt(openAi.path("prompt")));
        body.put("stream", context.stream());
        RequestFields.copyMaxTokens(openAi, body, "max_tokens");
        for (String field : new String[] {"temperature", "top_p", "top_k", "seed", "frequency_penalty",
                "presence_penalty"}) {
            RequestFields.copy(openAi, field, body, field);
        }
        UpstreamRequest.Builder upstream = UpstreamRequest.builder("POST",
                        WorkersAiUrls.run(context.channel(), context.upstreamModel()))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + context.channel().key());
        if (context.stream()) {
            upstream.header("Accept", "text/event-stream");
        }
        return upstream.body(JsonBodies.bytes(body)).build();
    }

    /** Workers AI takes one prompt; OpenAI also allows a list, which is accepted when it holds one. */
    private static String prompt(JsonNode prompt) {
        if (prompt.isTextual()) {
            return prompt.asText();
        }
        if (prompt.isArray() && prompt.size() == 1 && prompt.get(0).isTextual()) {
            return prompt.get(0).asText();
        }
        throw new IllegalArgumentException("Cloudflare completions take one text prompt");
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode reply = JsonBodies.parse(body);
        JsonNode result = reply.path("result");
        if (!result.path("response").isTextual() || !reply.path("success").asBoolean(true)) {
            return UnexpectedReplies.failure(reply, body);
        }
        usage = usage(result.path("usage"));
        return new TranslatedBody(status, responses.textCompletion(result.path("response").asText(), "stop", usage),
                usage);
    }

    @Override
    public void onEvent(SseEvent event, EventSink sink) {
        JsonNode data = JsonBodies.parse(event.data());
        String text = data.path("response").asText("");
        if (!text.isEmpty()) {
            responses.text(sink, text, null);
        }
        if (data.path("usage").isObject()) {
            // The usage event is the last before [DONE].
            usage = usage(data.path("usage"));
            responses.text(sink, "", "stop");
        }
    }

    @Override
    public Usage usage() {
        return usage;
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return WorkersAiUrls.errorMessage(body);
    }

    private static Usage usage(JsonNode usage) {
        int prompt = usage.path("prompt_tokens").asInt(0);
        int completion = usage.path("completion_tokens").asInt(0);
        return prompt + completion > 0 ? Usage.of(prompt, completion) : Usage.NONE;
    }
}
