package io.oneapi.proxy.credential;

import io.oneapi.spi.Header;
import io.oneapi.spi.UpstreamRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Token calls over {@link HttpClient}: rare (once per channel per token lifetime) and blocking, so they run
 * on the blocking executor rather than through the relay's pooled Netty connections. Redirects are not
 * followed (a token endpoint has no business redirecting a signed assertion), answers are capped at 1 MiB,
 * and {@code RELAY_PROXY} is honoured when it is an HTTP proxy.
 */
final class HttpTokenEndpoint implements TokenEndpoint, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpTokenEndpoint.class);
    private static final int MAX_ANSWER_BYTES = 1 << 20;
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    /** Headers HttpClient sets itself and refuses from callers. */
    private static final Set<String> RESTRICTED = Set.of("host", "content-length", "connection", "expect", "upgrade");

    private final String relayProxy;
    private HttpClient client;

    HttpTokenEndpoint(String relayProxy) {
        this.relayProxy = relayProxy;
    }

    /** Built on first use: most gateways never exchange a token, and a client holds a selector thread. */
    private synchronized HttpClient client() {
        if (client != null) {
            return client;
        }
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (relayProxy != null && !relayProxy.isEmpty()) {
            URI proxy = URI.create(relayProxy);
            String scheme = proxy.getScheme() == null ? "" : proxy.getScheme().toLowerCase(Locale.ROOT);
            if (scheme.equals("http")) { // https:// proxies are refused at start
                int port = proxy.getPort() > 0 ? proxy.getPort() : 80;
                builder.proxy(ProxySelector.of(InetSocketAddress.createUnresolved(proxy.getHost(), port)));
                if (proxy.getUserInfo() != null) {
                    // The JDK client sends no Basic credentials to a proxy for an https tunnel.
                    LOG.warn("RELAY_PROXY has credentials, which token exchanges cannot send; a proxy that requires"
                            + " them refuses those exchanges");
                }
            } else {
                LOG.warn("RELAY_PROXY is a {} proxy, which token exchanges cannot use; they connect directly", scheme);
            }
        }
        client = builder.build();
        return client;
    }

    @Override
    public Answer send(UpstreamRequest request) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(request.url())).timeout(ANSWER_TIMEOUT);
        for (Header header : request.headers()) {
            if (!RESTRICTED.contains(header.name().toLowerCase(Locale.ROOT))) {
                builder.header(header.name(), header.value());
            }
        }
        builder.method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        HttpResponse<InputStream> response = client().send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_ANSWER_BYTES + 1);
            if (body.length > MAX_ANSWER_BYTES) {
                throw new IOException("the token endpoint's answer exceeds " + MAX_ANSWER_BYTES + " bytes");
            }
            return new Answer(response.statusCode(), body);
        }
    }

    @Override
    public synchronized void close() {
        // HttpClient is AutoCloseable from JDK 21 on; on 17 its threads end when it is collected.
        if (client instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("Closing the token HTTP client failed", e);
            }
        }
    }
}
