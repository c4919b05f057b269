package io.oneapi.plugin.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.RelayMode;
import java.util.EnumSet;
import java.util.Set;

/**
 * Re-serialises a client's JSON body in the cases where One API does (model mapped, forced system prompt,
 * Baichuan, {@code ENFORCE_INCLUDE_USAGE} on a stream). Works on a Jackson tree, so fields this class does
 * not know survive, unlike One API, whose typed struct drops them.
 */
final class RequestBodyRewriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Modes whose body is a JSON object; multipart audio uploads and raw proxying are never rewritten. */
    private static final Set<RelayMode> JSON_MODES = EnumSet.of(RelayMode.CHAT_COMPLETIONS, RelayMode.COMPLETIONS,
            RelayMode.EMBEDDINGS, RelayMode.MODERATIONS, RelayMode.EDITS, RelayMode.IMAGES_GENERATIONS,
            RelayMode.AUDIO_SPEECH);
    private static final Set<RelayMode> STREAMING_MODES = EnumSet.of(RelayMode.CHAT_COMPLETIONS, RelayMode.COMPLETIONS);

    private RequestBodyRewriter() {
    }

    /** True when the body cannot go upstream byte for byte. */
    static boolean needed(ExchangeContext context) {
        if (!JSON_MODES.contains(context.mode())) {
            return false;
        }
        return context.modelMapped()
                || forcesSystemPrompt(context)
                || context.channel().type() == ChannelTypes.BAICHUAN
                || context.enforceIncludeUsage() && forcesIncludeUsage(context);
    }

    /**
     * The rewritten body. {@code original} is the core's cached parse and is shared, so it is copied first.
     *
     * @throws IllegalArgumentException when the body is not a JSON object
     */
    static byte[] rewrite(JsonNode original, ExchangeContext context) {
        if (!(original instanceof ObjectNode)) {
            throw new IllegalArgumentException("request body must be a JSON object");
        }
        ObjectNode body = ((ObjectNode) original).deepCopy();
        if (!context.upstreamModel().isEmpty()) {
            body.put("model", context.upstreamModel());
        }
        if (forcesSystemPrompt(context) && body.path("messages") instanceof ArrayNode messages
                && !messages.isEmpty()) {
            applySystemPrompt(messages, context.systemPrompt());
        }
        if (forcesIncludeUsage(context)) {
            JsonNode options = body.path("stream_options");
            ObjectNode streamOptions = options instanceof ObjectNode node ? node : body.putObject("stream_options");
            streamOptions.put("include_usage", true);
        }
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a JSON tree", e);
        }
    }

    /** Replaces the content of a leading system message, else prepends one (One API's setSystemPrompt). */
    private static void applySystemPrompt(ArrayNode messages, String prompt) {
        if (messages.get(0) instanceof ObjectNode first && "system".equals(first.path("role").asText())) {
            first.put("content", prompt);
            return;
        }
        messages.insertObject(0).put("role", "system").put("content", prompt);
    }

    private static boolean forcesSystemPrompt(ExchangeContext context) {
        return !context.systemPrompt().isEmpty() && context.mode() == RelayMode.CHAT_COMPLETIONS;
    }

    /** A re-serialised stream always asks for usage, so billing reads the upstream's own count. */
    private static boolean forcesIncludeUsage(ExchangeContext context) {
        return context.stream() && STREAMING_MODES.contains(context.mode());
    }
}
