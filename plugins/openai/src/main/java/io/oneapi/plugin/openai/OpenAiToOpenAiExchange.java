package io.oneapi.plugin.openai;

import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.Header;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.UpstreamRequest;

/**
 * An OpenAI-format request to an upstream that speaks the OpenAI format. Only the URL and the credential
 * change; the body goes through untouched unless {@link RequestBodyRewriter} says otherwise, and the
 * response is forwarded byte for byte by the core.
 */
final class OpenAiToOpenAiExchange implements ProviderExchange {
    private static final String OPENROUTER_REFERER = "https://github.com/songquanpeng/one-api";
    private static final String OPENROUTER_TITLE = "One API";

    private final ExchangeContext context;
    private final String baseUrl;

    OpenAiToOpenAiExchange(ExchangeContext context, String baseUrl) {
        this.context = context;
        this.baseUrl = baseUrl;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        String url = UpstreamUrls.of(context, baseUrl);
        byte[] body = RequestBodyRewriter.needed(context)
                ? RequestBodyRewriter.rewrite(request.json(), context)
                : null;
        UpstreamRequest.Builder upstream = UpstreamRequest.builder(request.method(), url);
        String contentType = request.contentType();
        if (!contentType.isEmpty()) {
            // Multipart uploads keep their boundary parameter this way.
            upstream.header("Content-Type", contentType);
        } else if (body != null) {
            upstream.header("Content-Type", "application/json");
        }
        String accept = request.header("Accept");
        if (accept != null && !accept.isEmpty()) {
            upstream.header("Accept", accept);
        } else if (context.stream()) {
            upstream.header("Accept", "text/event-stream");
        }
        Header auth = ChannelAuth.of(context.channel());
        upstream.header(auth.name(), auth.value());
        if (context.channel().type() == ChannelTypes.OPENROUTER) {
            upstream.header("HTTP-Referer", OPENROUTER_REFERER);
            upstream.header("X-Title", OPENROUTER_TITLE);
        }
        return upstream.body(body).build();
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.PASSTHROUGH;
    }
}
