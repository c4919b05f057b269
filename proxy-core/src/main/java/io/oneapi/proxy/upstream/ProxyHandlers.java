package io.oneapi.proxy.upstream;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.proxy.Socks5ProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * {@code RELAY_PROXY} and {@code USER_CONTENT_REQUEST_PROXY} as Netty handlers, the way One API's Go client reads
 * them: {@code http://} asks for a CONNECT tunnel, {@code https://} does the same over TLS to the proxy (its
 * certificate and host name checked like an upstream's), {@code socks5://} and {@code socks5h://} speak SOCKS5, a
 * missing port is the scheme's (80, 443 or 1080), and the URL's user info ({@code user:password}, percent-decoded)
 * is sent as the proxy's credentials.
 */
public final class ProxyHandlers {
    private ProxyHandlers() {
    }

    /** The proxy's socket address; resolves its host name, so it blocks. */
    public static InetSocketAddress address(URI proxy) {
        return new InetSocketAddress(proxy.getHost(), proxy.getPort() > 0 ? proxy.getPort() : defaultPort(proxy));
    }

    /** A new handler for one connection through {@code proxy}, which is at {@code address}. */
    public static ProxyHandler handler(URI proxy, InetSocketAddress address) {
        String userInfo = proxy.getUserInfo();
        String[] credentials = userInfo == null || userInfo.isEmpty() ? null : userInfo.split(":", 2);
        String user = credentials == null ? null : credentials[0];
        String password = credentials == null ? null : credentials.length > 1 ? credentials[1] : "";
        if (isSocks(proxy)) {
            return user == null ? new Socks5ProxyHandler(address) : new Socks5ProxyHandler(address, user, password);
        }
        return user == null ? new HttpProxyHandler(address) : new HttpProxyHandler(address, user, password);
    }

    /**
     * The TLS handler for the hop to an {@code https://} proxy, to go before {@link #handler}; null for the other
     * schemes.
     */
    public static SslHandler tls(URI proxy, InetSocketAddress address, SslContext ssl, ByteBufAllocator alloc) {
        if (!isHttps(proxy)) {
            return null;
        }
        SSLEngine engine = ssl.newEngine(alloc, proxy.getHost(), address.getPort());
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(params);
        return new SslHandler(engine);
    }

    private static boolean isHttps(URI proxy) {
        return "https".equalsIgnoreCase(proxy.getScheme());
    }

    private static boolean isSocks(URI proxy) {
        return proxy.getScheme() != null && proxy.getScheme().toLowerCase(Locale.ROOT).startsWith("socks");
    }

    private static int defaultPort(URI proxy) {
        return isSocks(proxy) ? 1080 : isHttps(proxy) ? 443 : 80;
    }
}
