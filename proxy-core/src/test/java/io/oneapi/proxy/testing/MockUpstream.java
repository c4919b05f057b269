package io.oneapi.proxy.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-process upstream on a free loopback port that speaks whatever a test scripts: JSON answers, SSE
 * streams with delays, resets mid-stream, or silence. It records every request it receives.
 */
public final class MockUpstream implements AutoCloseable {

    /** A recorded request. */
    public record Received(String method, String uri, Map<String, String> headers, byte[] body) {
        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    /** What to do with a request. */
    public sealed interface Action permits Json, Stream, Reset, Silence {
    }

    public record Json(int status, String body, Map<String, String> headers) implements Action {
        public Json(int status, String body) {
            this(status, body, Map.of());
        }
    }

    /**
     * An SSE (or other chunked) answer: each chunk written and flushed {@code delayMillis} apart; with
     * {@code resetAfter} >= 0 the connection is closed after that many chunks, without ending the response.
     */
    public record Stream(int status, String contentType, List<String> chunks, long delayMillis, int resetAfter)
            implements Action {
        public static Stream sse(List<String> chunks) {
            return new Stream(200, "text/event-stream", chunks, 0, -1);
        }
    }

    /** Closes the connection at once (connection reset before any answer). */
    public record Reset() implements Action {
    }

    /** Never answers. */
    public record Silence() implements Action {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final AtomicInteger count = new AtomicInteger();
    private final AtomicInteger cancelledStreams = new AtomicInteger();
    private final AtomicInteger backpressuredStreams = new AtomicInteger();
    private volatile Function<Received, Action> script = r -> new Json(200, "{}");

    public MockUpstream() {
        this(null);
    }

    /** A mock that speaks HTTPS with {@code tls} (a server context), or plain HTTP when null. */
    public MockUpstream(io.netty.handler.ssl.SslContext tls) {
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.SO_SNDBUF, 32 * 1024)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024 * 1024),
                                new Handler());
                    }
                })
                .bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    public MockUpstream script(Function<Received, Action> newScript) {
        this.script = newScript;
        return this;
    }

    public int port() {
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    public int requestCount() {
        return count.get();
    }

    /** Streams whose connection closed before the last chunk was written (the gateway cancelled them). */
    public int cancelledStreams() {
        return cancelledStreams.get();
    }

    /** Streams during which the connection stopped being writable (the gateway stopped reading). */
    public int backpressuredStreams() {
        return backpressuredStreams.get();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static final io.netty.util.AttributeKey<Boolean> STALLED =
            io.netty.util.AttributeKey.valueOf("mock.stalled");

    private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            request.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
            Received r = new Received(request.method().name(), request.uri(), headers,
                    ByteBufUtil.getBytes(request.content()));
            received.add(r);
            count.incrementAndGet();
            Action action = script.apply(r);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (action instanceof Json json) {
                json(ctx, json, keepAlive);
            } else if (action instanceof Stream stream) {
                stream(ctx, stream, 0);
            } else if (action instanceof Reset) {
                ctx.close();
            }
        }

        private void json(ChannelHandlerContext ctx, Json json, boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(json.status()),
                    Unpooled.copiedBuffer(json.body(), StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
            json.headers().forEach(response.headers()::set);
            HttpUtil.setContentLength(response, response.content().readableBytes());
            HttpUtil.setKeepAlive(response, keepAlive);
            ctx.writeAndFlush(response);
        }

        private void stream(ChannelHandlerContext ctx, Stream stream, int index) {
            if (!ctx.channel().isActive()) {
                if (index < stream.chunks().size()) {
                    cancelledStreams.incrementAndGet();
                }
                return;
            }
            if (!ctx.channel().isWritable()) {
                // Wait for the peer to read; count the stall once per stream.
                if (ctx.channel().attr(STALLED).setIfAbsent(Boolean.TRUE) == null) {
                    backpressuredStreams.incrementAndGet();
                }
                ctx.executor().schedule(() -> stream(ctx, stream, index), 5, TimeUnit.MILLISECONDS);
                return;
            }
            if (index == 0) {
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1,
                        HttpResponseStatus.valueOf(stream.status()));
                head.headers().set(HttpHeaderNames.CONTENT_TYPE, stream.contentType());
                HttpUtil.setTransferEncodingChunked(head, true);
                ctx.writeAndFlush(head);
            }
            if (stream.resetAfter() >= 0 && index == stream.resetAfter()) {
                ctx.close();
                return;
            }
            if (index == stream.chunks().size()) {
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                return;
            }
            ctx.writeAndFlush(new DefaultHttpContent(
                    Unpooled.copiedBuffer(stream.chunks().get(index), StandardCharsets.UTF_8)));
            if (stream.delayMillis() > 0) {
                ctx.executor().schedule(() -> stream(ctx, stream, index + 1), stream.delayMillis(),
                        TimeUnit.MILLISECONDS);
            } else {
                ctx.executor().execute(() -> stream(ctx, stream, index + 1));
            }
        }
    }
}
