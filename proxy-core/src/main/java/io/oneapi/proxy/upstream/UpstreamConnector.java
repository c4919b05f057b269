package io.oneapi.proxy.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.proxy.ProxyHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.resolver.NoopAddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * Keep-alive connection pools keyed by (event loop, endpoint): a client connection's upstream calls always
 * use connections of its own event loop, so no request ever crosses threads. Pooled channels read automatically
 * (toggling reads per call would cost two {@code epoll_ctl} calls per request); a call turns reading off while its
 * client cannot take more, which is how backpressure reaches the upstream. Unpooled channels (WebSocket upgrades)
 * start with {@code AUTO_READ=false} and are read explicitly.
 */
public final class UpstreamConnector implements AutoCloseable {
    static final String CODEC = "upstream-codec";
    static final String DECOMPRESSOR = "upstream-decompressor";
    static final String IDLE = "upstream-idle";
    static final String CALL = "upstream-call";

    private final Class<? extends SocketChannel> channelType;
    private final SslContext ssl;
    private final URI proxy;
    private final InetSocketAddress proxyAddress;
    private final DnsAddressResolverGroup dns;
    private final Duration connectTimeout;
    private final Duration idleTimeout;
    private final Map<EventLoop, Map<UpstreamEndpoint, LoopPool>> pools = new ConcurrentHashMap<>();

    public UpstreamConnector(Class<? extends SocketChannel> channelType,
                             Class<? extends DatagramChannel> datagramType, String relayProxy,
                             Duration connectTimeout, Duration idleTimeout) {
        this(channelType, datagramType, relayProxy, connectTimeout, idleTimeout, defaultTls());
    }

    /**
     * @param tls the client TLS context; upstream certificates and host names are always verified against
     *            its trust material (the JDK's CA certificates by default)
     */
    public UpstreamConnector(Class<? extends SocketChannel> channelType,
                             Class<? extends DatagramChannel> datagramType, String relayProxy,
                             Duration connectTimeout, Duration idleTimeout, SslContext tls) {
        this.channelType = channelType;
        this.proxy = relayProxy == null || relayProxy.isBlank() ? null : URI.create(relayProxy.trim());
        this.proxyAddress = proxy == null ? null : ProxyHandlers.address(proxy);
        this.dns = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(datagramType)
                .socketChannelType(channelType));
        this.connectTimeout = connectTimeout;
        this.idleTimeout = idleTimeout;
        this.ssl = tls;
    }

    private static SslContext defaultTls() {
        try {
            return SslContextBuilder.forClient().build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot create the TLS client context", e);
        }
    }

    /** The pool for an endpoint on the given loop; must be called on that loop. */
    LoopPool pool(EventLoop loop, UpstreamEndpoint endpoint) {
        Map<UpstreamEndpoint, LoopPool> perLoop = pools.computeIfAbsent(loop, l -> new HashMap<>());
        LoopPool pool = perLoop.get(endpoint);
        if (pool == null) {
            pool = new LoopPool(loop, bootstrap(loop, endpoint, true).handler(new ChannelInitializer<Channel>() {
                @Override
                protected void initChannel(Channel ch) {
                    initPipeline(ch, endpoint);
                }
            }));
            perLoop.put(endpoint, pool);
        }
        return pool;
    }

    /**
     * A new connection to {@code endpoint} on {@code loop}, outside the pools, with the proxy, TLS, idle timeout
     * and HTTP codec of pooled ones: for a request that takes its connection over (a WebSocket upgrade).
     */
    public ChannelFuture connectUnpooled(EventLoop loop, UpstreamEndpoint endpoint) {
        return bootstrap(loop, endpoint, false).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                initPipeline(ch, endpoint);
            }
        }).connect();
    }

    private Bootstrap bootstrap(EventLoop loop, UpstreamEndpoint endpoint, boolean autoRead) {
        return new Bootstrap()
                .group(loop)
                .channel(channelType)
                .option(ChannelOption.AUTO_READ, autoRead)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true)
                // A fixed receive window bounds what the kernel buffers per upstream connection while its
                // client is slow (autotuning would grow it to tcp_rmem's maximum, often 32 MB).
                .option(ChannelOption.SO_RCVBUF, 256 * 1024)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(32 * 1024, 128 * 1024))
                .remoteAddress(InetSocketAddress.createUnresolved(endpoint.host(), endpoint.port()))
                // Never resolve names on the event loop: Netty's DNS resolver is asynchronous; with a proxy
                // the proxy resolves the destination.
                .resolver(proxyAddress == null ? dns : NoopAddressResolverGroup.INSTANCE);
    }

    private void initPipeline(Channel ch, UpstreamEndpoint endpoint) {
        ChannelPipeline p = ch.pipeline();
        ProxyHandler proxyHandler = proxyHandler();
        if (proxyHandler != null) {
            SslHandler proxyTls = ProxyHandlers.tls(proxy, proxyAddress, ssl, ch.alloc());
            if (proxyTls != null) {
                p.addLast("upstream-proxy-tls", proxyTls); // holds the CONNECT until its handshake is done
            }
            proxyHandler.setConnectTimeoutMillis(connectTimeout.toMillis());
            p.addLast("upstream-proxy", proxyHandler);
        }
        if (endpoint.tls()) {
            SSLEngine engine = ssl.newEngine(ch.alloc(), endpoint.host(), endpoint.port());
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            engine.setSSLParameters(params);
            p.addLast("upstream-tls", new SslHandler(engine));
        }
        // Reader-idle, not all-idle: all-idle tracks writes with a listener on every write promise. A pooled
        // connection neither reads nor writes, so the first fires just the same there.
        p.addLast(IDLE, new IdleStateHandler(idleTimeout.toMillis(), 0, 0, TimeUnit.MILLISECONDS));
        p.addLast("upstream-idle-close", new IdleConnectionCloser());
        p.addLast(CODEC, new HttpClientCodec(4096, 16 * 1024, 1024 * 1024));
        p.addLast(DECOMPRESSOR, new HttpContentDecompressor(0));
    }

    private ProxyHandler proxyHandler() {
        return proxy == null ? null : ProxyHandlers.handler(proxy, proxyAddress);
    }

    @Override
    public void close() {
        for (Map<UpstreamEndpoint, LoopPool> perLoop : pools.values()) {
            for (LoopPool pool : perLoop.values()) {
                pool.close();
            }
        }
        pools.clear();
        dns.close();
    }
}
