package io.oneapi.proxy.fetch;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.oneapi.proxy.upstream.ProxyHandlers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Opens one connection per hop to an address that was already resolved and vetted, and sends a plain
 * GET. The address object carries no host name, so nothing below (Netty, a proxy's CONNECT) can resolve
 * the name again; TLS still uses the URL's host for SNI and certificate checks.
 */
final class HopClient {
    private static final Duration MAX_CONNECT = Duration.ofSeconds(10);
    private static final String USER_AGENT = "one-api-image-fetcher";

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final URI proxy;
    private final SslContext ssl;

    HopClient(EventLoopGroup group, Class<? extends SocketChannel> channelType, URI proxy) {
        this.group = group;
        this.channelType = channelType;
        this.proxy = proxy;
        try {
            this.ssl = SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot create the TLS client context", e);
        }
    }

    /**
     * Starts a GET of {@code uri} at {@code vetted}; may block briefly to resolve the proxy's own address,
     * so it is called on the blocking executor.
     */
    OneHop get(String originalUrl, URI uri, InetAddress vetted, Duration remaining, FetchPolicy policy,
               AtomicLong budget) {
        OneHop hop = new OneHop(originalUrl, policy.maxBytesPerImage(), policy.maxTotalBytes(), budget);
        boolean tls = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
        InetSocketAddress target;
        try {
            target = new InetSocketAddress(InetAddress.getByAddress(vetted.getAddress()), port);
        } catch (UnknownHostException e) {
            hop.fail("invalid address");
            return hop;
        }
        ProxyHandler proxyHandler = proxyHandler();
        if (proxyHandler != null) {
            // The hop's own deadline below covers the tunnel too; Netty's separate 10 s limit would cut a
            // longer USER_CONTENT_REQUEST_TIMEOUT short.
            proxyHandler.setConnectTimeoutMillis(0);
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(channelType)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                        (int) Math.max(1, Math.min(remaining.toMillis(), MAX_CONNECT.toMillis())))
                .resolver(NoopAddressResolverGroup.INSTANCE)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (proxyHandler != null) {
                            SslHandler proxyTls = ProxyHandlers.tls(proxy, (InetSocketAddress) proxyHandler
                                    .proxyAddress(), ssl, ch.alloc());
                            if (proxyTls != null) {
                                p.addLast("fetch-proxy-tls", proxyTls);
                            }
                            p.addLast("fetch-proxy", proxyHandler);
                        }
                        if (tls) {
                            p.addLast("fetch-tls", new SslHandler(engine(ch, uri.getHost(), port)));
                        }
                        p.addLast("fetch-codec", new HttpClientCodec(4096, 16 * 1024, 64 * 1024));
                        p.addLast("fetch-hop", hop);
                    }
                });
        ChannelFuture connect = bootstrap.connect(target);
        Channel ch = connect.channel();
        hop.attach(ch);
        var timer = group.schedule(() -> hop.fail("the image host did not answer in time"),
                remaining.toMillis(), TimeUnit.MILLISECONDS);
        hop.result().whenComplete((outcome, failure) -> timer.cancel(false));
        connect.addListener(f -> {
            if (f.isSuccess()) {
                // Through a proxy the request waits in the proxy handler until the tunnel is open.
                ch.writeAndFlush(request(uri, tls, port));
            } else if (proxyHandler != null) {
                hop.failAtProxy("could not connect to the gateway's image proxy");
            } else {
                hop.fail("could not connect to the image host");
            }
        });
        return hop;
    }

    private SSLEngine engine(Channel ch, String host, int port) {
        String peer = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        SSLEngine engine = ssl.newEngine(ch.alloc(), peer, port);
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        engine.setSSLParameters(params);
        return engine;
    }

    private static FullHttpRequest request(URI uri, boolean tls, int port) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, target,
                Unpooled.EMPTY_BUFFER);
        boolean defaultPort = tls ? port == 443 : port == 80;
        request.headers()
                .set(HttpHeaderNames.HOST, defaultPort ? uri.getHost() : uri.getHost() + ":" + port)
                .set(HttpHeaderNames.USER_AGENT, USER_AGENT)
                .set(HttpHeaderNames.ACCEPT, "image/*")
                .set(HttpHeaderNames.ACCEPT_ENCODING, HttpHeaderValues.IDENTITY)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set(HttpHeaderNames.CONTENT_LENGTH, 0);
        return request;
    }

    /**
     * USER_CONTENT_REQUEST_PROXY: the tunnel goes to the vetted address, never to a name. An HTTP proxy is
     * asked for a CONNECT tunnel for http URLs too (not an absolute-form GET), so it never resolves the
     * user's host itself; socks5 and socks5h both send the address. The proxy's own address is the
     * operator's choice and is not vetted.
     */
    private ProxyHandler proxyHandler() {
        return proxy == null ? null : ProxyHandlers.handler(proxy, ProxyHandlers.address(proxy));
    }
}
