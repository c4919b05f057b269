package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.Usage;
import java.util.HashMap;
import java.util.Map;

/**
 * Claude stream events as OpenAI chunks. {@code message_start} gives the id and prompt usage (and the
 * first chunk, with the role); text, tool-use and thinking blocks become {@code content},
 * {@code tool_calls} (numbered in order of appearance, arguments streamed as they arrive) and
 * {@code reasoning_content} deltas; {@code message_delta} carries the finish reason and the cumulative
 * output count; an {@code error} event becomes an OpenAI error chunk. A usage chunk closes the stream when
 * the client asked for one. Usage is reported only once {@code message_delta} arrived: a stream cut before
 * it leaves counting to the core.
 */
final class ClaudeStream {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OpenAiChunks chunks;
    private final boolean includeUsage;
    private final Map<Integer, Integer> toolIndexByBlock = new HashMap<>();
    private ClaudeUsage usage = ClaudeUsage.NONE;
    private boolean outputCounted;
    private boolean usageSent;

    ClaudeStream(OpenAiChunks chunks, boolean includeUsage) {
        this.chunks = chunks;
        this.includeUsage = includeUsage;
    }

    /** Handles one Claude event (the JSON object of an SSE {@code data:} line or a Bedrock chunk). */
    void accept(JsonNode event, EventSink sink) {
        switch (event.path("type").asText("")) {
            case "message_start" -> {
                JsonNode message = event.path("message");
                chunks.id(message.path("id").asText(""));
                usage = usage.merge(message.path("usage"));
                emit(sink, chunks.choice(OpenAiChunks.delta().put("role", "assistant").put("content", ""), null));
            }
            case "content_block_start" -> blockStart(event.path("index").asInt(), event.path("content_block"), sink);
            case "content_block_delta" -> blockDelta(event.path("index").asInt(), event.path("delta"), sink);
            case "message_delta" -> {
                usage = usage.merge(event.path("usage"));
                outputCounted |= event.path("usage").has("output_tokens");
                String finish = ClaudeReply.finishReason(event.path("delta").path("stop_reason").asText(null));
                if (finish != null) {
                    emit(sink, chunks.choice(OpenAiChunks.delta(), finish));
                }
            }
            case "message_stop" -> {
                JsonNode metrics = event.path("amazon-bedrock-invocationMetrics");
                if (!outputCounted && metrics.has("outputTokenCount")) {
                    usage = new ClaudeUsage(Math.max(usage.input(), metrics.path("inputTokenCount").asInt()),
                            usage.cacheCreation(), usage.cacheRead(), metrics.path("outputTokenCount").asInt());
                    outputCounted = true;
                }
                sendUsage(sink);
            }
            case "error" -> error(event.path("error").path("type").asText("upstream_error"),
                    event.path("error").path("message").asText("The upstream stream failed."), sink);
            default -> {
                // ping, content_block_stop and event types added later carry nothing for an OpenAI client
            }
        }
    }

    /** The stream ended (cleanly or not). */
    void end(EventSink sink) {
        sendUsage(sink);
    }

    /** An error reported out of band (Bedrock exceptions), in the OpenAI error shape. */
    void error(String type, String message, EventSink sink) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).put("param", "").put("code", type);
        emit(sink, body);
    }

    /** Usage for billing, or {@link Usage#NONE} while the output count is unknown. */
    Usage usage() {
        return outputCounted ? usage.toUsage() : Usage.NONE;
    }

    private void blockStart(int index, JsonNode block, EventSink sink) {
        switch (block.path("type").asText("")) {
            case "text" -> text(block.path("text").asText(""), sink);
            case "thinking" -> thinking(block.path("thinking").asText(""), sink);
            case "tool_use" -> {
                int toolIndex = toolIndexByBlock.size();
                toolIndexByBlock.put(index, toolIndex);
                JsonNode input = block.path("input");
                ObjectNode call = OpenAiChunks.delta();
                call.put("index", toolIndex).put("id", block.path("id").asText("")).put("type", "function");
                call.putObject("function").put("name", block.path("name").asText(""))
                        .put("arguments", input.isObject() && !input.isEmpty() ? input.toString() : "");
                ObjectNode delta = OpenAiChunks.delta();
                delta.putArray("tool_calls").add(call);
                emit(sink, chunks.choice(delta, null));
            }
            default -> {
                // redacted_thinking, server tools: nothing to show
            }
        }
    }

    private void blockDelta(int index, JsonNode delta, EventSink sink) {
        switch (delta.path("type").asText("")) {
            case "text_delta" -> text(delta.path("text").asText(""), sink);
            case "thinking_delta" -> thinking(delta.path("thinking").asText(""), sink);
            case "input_json_delta" -> {
                Integer toolIndex = toolIndexByBlock.get(index);
                String partial = delta.path("partial_json").asText("");
                if (toolIndex != null && !partial.isEmpty()) {
                    ObjectNode out = OpenAiChunks.delta();
                    out.putArray("tool_calls").addObject().put("index", toolIndex).putObject("function")
                            .put("arguments", partial);
                    emit(sink, chunks.choice(out, null));
                }
            }
            default -> {
                // signature_delta, citations_delta
            }
        }
    }

    private void text(String text, EventSink sink) {
        if (!text.isEmpty()) {
            emit(sink, chunks.choice(OpenAiChunks.delta().put("content", text), null));
        }
    }

    private void thinking(String text, EventSink sink) {
        if (!text.isEmpty()) {
            emit(sink, chunks.choice(OpenAiChunks.delta().put("reasoning_content", text), null));
        }
    }

    private void sendUsage(EventSink sink) {
        if (includeUsage && outputCounted && !usageSent) {
            usageSent = true;
            emit(sink, chunks.usage(usage));
        }
    }

    private static void emit(EventSink sink, ObjectNode chunk) {
        OpenAiChunks.emit(sink, chunk);
    }
}
