package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.Usage;
import java.io.IOException;

/**
 * What every Claude endpoint shares once the request is built: the reply and stream translation and the
 * usage they report. Subclasses say where the request goes and how it is authenticated.
 */
abstract class ClaudeExchange implements ProviderExchange {
    static final ObjectMapper JSON = new ObjectMapper();

    final ExchangeContext context;
    private final long created;
    private ClaudeStream stream;
    private Usage usage = Usage.NONE;

    ClaudeExchange(ExchangeContext context, long created) {
        this.context = context;
        this.created = created;
    }

    /** The Claude body for this request; also prepares the stream translation. */
    final ObjectNode claudeBody(ClientRequest request) {
        if (context.mode() != RelayMode.CHAT_COMPLETIONS) {
            throw new IllegalArgumentException("Claude channels serve only /v1/chat/completions");
        }
        JsonNode chat = request.json();
        ObjectNode body = ChatToClaude.translate(chat, context, request);
        boolean includeUsage = chat.path("stream_options").path("include_usage").asBoolean(false)
                || context.enforceIncludeUsage();
        stream = new ClaudeStream(new OpenAiChunks(context.requestedModel(), created), includeUsage);
        return body;
    }

    @Override
    public final StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public final TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        TranslatedBody translated = ClaudeReply.translate(body, context.requestedModel(), created);
        usage = translated.usage();
        return translated;
    }

    /** Hands one decoded Claude event to the stream translation; unreadable events are skipped. */
    final void claudeEvent(byte[] json, EventSink sink) {
        JsonNode event;
        try {
            event = JSON.readTree(json);
        } catch (IOException e) {
            return;
        }
        if (event != null && event.isObject()) {
            stream.accept(event, sink);
        }
    }

    final ClaudeStream stream() {
        return stream;
    }

    @Override
    public final void onStreamEnd(EventSink sink) {
        if (stream != null) {
            stream.end(sink);
        }
    }

    @Override
    public final Usage usage() {
        return stream != null && context.stream() ? stream.usage() : usage;
    }
}
