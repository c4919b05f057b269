package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.Usage;

/**
 * What this plugin's Claude endpoints share once the request is built: the {@link ClaudeTranslation} of
 * replies and streams and the usage it reports. Subclasses say where the request goes and how it is
 * authenticated.
 */
abstract class ClaudeExchange implements ProviderExchange {
    static final ObjectMapper JSON = new ObjectMapper();

    final ExchangeContext context;
    final ClaudeTranslation claude;

    ClaudeExchange(ExchangeContext context, long created) {
        this.context = context;
        this.claude = new ClaudeTranslation(context, created);
    }

    /** The Claude body for this request; also prepares the stream translation. */
    final ObjectNode claudeBody(ClientRequest request) {
        return claude.requestBody(request);
    }

    @Override
    public final StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public final TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        return claude.translateBody(body);
    }

    @Override
    public final void onStreamEnd(EventSink sink) {
        claude.onStreamEnd(sink);
    }

    @Override
    public final Usage usage() {
        return claude.usage();
    }
}
