package io.oneapi.proxy.providers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

/**
 * An in-process iFlytek Spark v1 upstream: a WebSocket server on a free loopback port that records each
 * opening handshake (URI, Host) and first message, then answers with scripted messages, optionally closing the
 * socket before the last one; or refuses the handshake with an HTTP error.
 */
final class SparkUpstream implements AutoCloseable {
    /** A recorded exchange: the handshake's URI and Host, and the first message the gateway sent. */
    record Opened(String uri, String host, String firstMessage) {
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final ConcurrentLinkedQueue<Opened> opened = new ConcurrentLinkedQueue<>();
    private volatile List<String> answer = List.of();
    private volatile boolean closeBeforeLast;
    private volatile int refuseWith;
    private volatile String refusal = "";

    SparkUpstream() {
        server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), new Handshakes(),
                                new WebSocketServerProtocolHandler(WebSocketServerProtocolConfig.newBuilder()
                                        .websocketPath("/").checkStartsWith(true).build()),
                                new Messages());
                    }
                }).bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    /** Answers every first message with these messages, in order. */
    SparkUpstream answer(List<String> messages, boolean closeBeforeLastMessage) {
        this.answer = List.copyOf(messages);
        this.closeBeforeLast = closeBeforeLastMessage;
        return this;
    }

    /** Refuses every handshake with this HTTP status and JSON body. */
    SparkUpstream refuse(int status, String body) {
        this.refuseWith = status;
        this.refusal = body;
        return this;
    }

    List<Opened> opened() {
        return List.copyOf(opened);
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private final class Handshakes extends ChannelInboundHandlerAdapter {
        private String uri = "";
        private String host = "";

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request) {
                uri = request.uri();
                host = request.headers().get(HttpHeaderNames.HOST, "");
                if (refuseWith != 0) {
                    request.release();
                    DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                            HttpResponseStatus.valueOf(refuseWith), Unpooled.copiedBuffer(refusal, StandardCharsets.UTF_8));
                    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                            .set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
                    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }
    }

    private final class Messages extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            Handshakes handshake = ctx.pipeline().get(Handshakes.class);
            opened.add(new Opened(handshake == null ? "" : handshake.uri, handshake == null ? "" : handshake.host,
                    frame.text()));
            List<String> messages = answer;
            int count = closeBeforeLast ? messages.size() - 1 : messages.size();
            for (int i = 0; i < count; i++) {
                ctx.writeAndFlush(new TextWebSocketFrame(messages.get(i)));
            }
            if (closeBeforeLast) {
                ctx.close();
            }
        }
    }
}
