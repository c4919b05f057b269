package io.oneapi.plugin.openai;

import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.Header;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.UpstreamRequest;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One API's raw proxy ({@code /v1/oneapi/proxy/:channel/*target}, channel type 43): the target path goes to
 * the channel's base URL with the client's headers and body, and the channel's key replaces the client's
 * credential. Nothing is parsed, so nothing is billed.
 */
final class RawToProxyExchange implements ProviderExchange {
    private static final Pattern PROXY_PREFIX = Pattern.compile("^/v1/oneapi/proxy/[^/]+");
    /**
     * Never forwarded: connection-level headers the core sets itself, and the client's Authorization,
     * which holds the gateway token, not an upstream credential.
     */
    private static final Set<String> DROPPED = Set.of("host", "content-length", "accept-encoding", "connection",
            "authorization", "transfer-encoding", "keep-alive", "proxy-connection", "te", "trailer", "upgrade");

    private final ExchangeContext context;
    private final String baseUrl;

    RawToProxyExchange(ExchangeContext context, String baseUrl) {
        this.context = context;
        this.baseUrl = baseUrl;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        String target = PROXY_PREFIX.matcher(context.requestPath()).replaceFirst("");
        String query = context.query().isEmpty() ? "" : "?" + context.query();
        UpstreamRequest.Builder upstream = UpstreamRequest.builder(request.method(),
                UpstreamUrls.requireBase(context, baseUrl) + target + query);
        Header auth = ChannelAuth.of(context.channel());
        String authName = auth.name().toLowerCase(Locale.ROOT);
        for (Header header : request.headers()) {
            String name = header.name().toLowerCase(Locale.ROOT);
            if (!DROPPED.contains(name) && !name.equals(authName)) {
                upstream.header(header.name(), header.value());
            }
        }
        return upstream.header(auth.name(), auth.value()).build();
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.PASSTHROUGH;
    }
}
