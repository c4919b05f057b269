package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.Usage;
import java.io.IOException;

/**
 * The OpenAI chat to Claude Messages translation of one request attempt, both ways: the Claude body, the
 * Claude message or stream events back as OpenAI completions or chunks, and the usage they report.
 *
 * <p>This class is the anthropic plugin's API to other plugins: Claude served behind someone else's
 * endpoint (Claude on Vertex AI in the gemini plugin, whose manifest says {@code Plugin-Dependencies:
 * anthropic}) reuses the translation instead of bundling a copy. PF4J resolves the class through this
 * plugin's class loader, so only what is {@code public} here is visible; keep it small and keep it
 * compatible within a minor version. Everything else in this plugin stays package-private.
 *
 * <p>Single-threaded, one instance per attempt, like the exchange that holds it.
 */
public final class ClaudeTranslation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ExchangeContext context;
    private final long created;
    private ClaudeStream stream;
    private Usage usage = Usage.NONE;

    /**
     * @param created the {@code created} time of the OpenAI answer, in epoch seconds
     */
    public ClaudeTranslation(ExchangeContext context, long created) {
        this.context = context;
        this.created = created;
    }

    /**
     * The Claude Messages body of the client's chat request: {@code model} (One API's current name for it),
     * {@code system}, {@code messages}, {@code max_tokens}, sampling and stop parameters, tools, thinking and
     * {@code metadata.user_id} when the client named a user. Endpoints adjust it to their flavour (Vertex and
     * Bedrock move the model into the URL). Also prepares the stream translation.
     *
     * @throws IllegalArgumentException when the request cannot be expressed for Claude (the client's fault)
     */
    public ObjectNode requestBody(ClientRequest request) {
        if (context.mode() != RelayMode.CHAT_COMPLETIONS) {
            throw new IllegalArgumentException("Claude channels serve only /v1/chat/completions");
        }
        JsonNode chat = request.json();
        ObjectNode body = ChatToClaude.translate(chat, context, request);
        boolean includeUsage = chat.path("stream_options").path("include_usage").asBoolean(false)
                || context.enforceIncludeUsage();
        stream = newStream(includeUsage);
        return body;
    }

    /** A Claude message (unary answer) as an OpenAI {@code chat.completion}; error bodies keep their bytes. */
    public TranslatedBody translateBody(byte[] body) {
        TranslatedBody translated = ClaudeReply.translate(body, context.requestedModel(), created);
        usage = translated.usage();
        return translated;
    }

    /** One Claude stream event (the JSON of an SSE {@code data:} line); unreadable events are skipped. */
    public void onEvent(byte[] json, EventSink sink) {
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (IOException e) {
            return;
        }
        if (event != null && event.isObject()) {
            stream().accept(event, sink);
        }
    }

    /** The stream ended, cleanly or not: sends the usage chunk if the client asked for one and it is known. */
    public void onStreamEnd(EventSink sink) {
        if (stream != null) {
            stream.end(sink);
        }
    }

    /** What the upstream reported: the unary answer's usage, or the stream's once its output count arrived. */
    public Usage usage() {
        return stream != null && context.stream() ? stream.usage() : usage;
    }

    /** Whether {@code body} is an Anthropic error ({@code {"type":"error","error":{"type":...}}}). */
    public static boolean isClaudeError(byte[] body) {
        JsonNode root = ClaudeErrors.parseOrMissing(body);
        return "error".equals(root.path("type").asText()) || root.path("error").path("type").isTextual();
    }

    /** The kind of an Anthropic error, for retry and automatic disable (see {@link #isClaudeError}). */
    public static ErrorKind classifyError(int status, byte[] body) {
        return ClaudeErrors.classify(status, body);
    }

    /** The {@code error.message} of an Anthropic error, or null when the body is none. */
    public static String errorMessage(byte[] body) {
        return ClaudeErrors.message(body);
    }

    /** An error reported outside Claude's events (Bedrock exceptions), as an OpenAI error chunk. */
    void streamError(String type, String message, EventSink sink) {
        stream().error(type, message, sink);
    }

    private ClaudeStream stream() {
        if (stream == null) {
            // The core streams only after translating a request; be safe if that ever changes.
            stream = newStream(false);
        }
        return stream;
    }

    private ClaudeStream newStream(boolean includeUsage) {
        return new ClaudeStream(new OpenAiChunks(context.requestedModel(), created), includeUsage);
    }
}
