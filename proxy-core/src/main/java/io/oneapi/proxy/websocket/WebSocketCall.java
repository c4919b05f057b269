package io.oneapi.proxy.websocket;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.ScheduledFuture;
import io.oneapi.proxy.upstream.UpstreamConnector;
import io.oneapi.proxy.upstream.UpstreamEndpoint;
import io.oneapi.proxy.upstream.UpstreamListener;
import io.oneapi.spi.Header;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.WebSocketUpstream;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One upstream WebSocket exchange ({@link WebSocketUpstream}), presented to the relay as if it were an HTTP
 * response: a fresh connection (proxy and TLS as for HTTP upstreams), the opening handshake, the exchange's
 * first message; then a refused handshake is reported as that HTTP response, an accepted one as a 200 whose
 * body is the upstream's messages ({@link MessageFraming}), ending after the message the exchange calls the
 * last, when the socket is closed. Runs on the client's event loop and reads one message at a time, only while
 * not paused (backpressure). Exactly one of {@code onEnd} or {@code onFailure} ends it, unless it is aborted.
 */
public final class WebSocketCall extends SimpleChannelInboundHandler<Object> {
    private static final int MAX_MESSAGE = 16 * 1024 * 1024;

    private final WebSocketClientHandshaker handshaker;
    private final byte[] firstMessage;
    private final boolean sse;
    private final WebSocketUpstream exchange;
    private final UpstreamListener listener;
    private Channel channel;
    private ScheduledFuture<?> timer;
    private boolean open;
    private boolean paused;
    private boolean readPending;
    private boolean done;

    private WebSocketCall(URI uri, UpstreamRequest request, boolean sse, WebSocketUpstream exchange,
                          UpstreamListener listener) {
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Header header : request.headers()) {
            headers.add(header.name(), header.value());
        }
        this.handshaker = WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, null, false,
                headers, MAX_MESSAGE);
        this.firstMessage = request.body() == null ? new byte[0] : request.body();
        this.sse = sse;
        this.exchange = exchange;
        this.listener = listener;
    }

    /**
     * Opens the socket and starts the exchange. Must run on {@code loop}.
     *
     * @param sse whether the messages go to the listener as server-sent events (the client asked for a stream)
     * @param timeout the whole-exchange timeout; zero for none
     * @throws IllegalArgumentException for a URL that is not an absolute {@code ws(s)} URL
     */
    public static WebSocketCall start(UpstreamConnector connector, EventLoop loop, UpstreamRequest request,
                                      boolean sse, WebSocketUpstream exchange, Duration timeout,
                                      UpstreamListener listener) {
        URI uri = URI.create(request.url());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new IllegalArgumentException("a WebSocket upstream URL must be ws or wss: " + request.url());
        }
        UpstreamEndpoint endpoint = UpstreamEndpoint.of(URI.create((scheme.equals("wss") ? "https" : "http")
                + request.url().substring(scheme.length())));
        WebSocketCall call = new WebSocketCall(uri, request, sse, exchange, listener);
        if (!timeout.isZero()) {
            call.timer = loop.schedule(() -> call.fail(new TimeoutException("the upstream WebSocket did not finish"
                    + " within " + timeout)), timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        connector.connectUnpooled(loop, endpoint).addListener((ChannelFuture connected) -> call.connected(connected));
        return call;
    }

    private void connected(ChannelFuture connected) {
        if (!connected.isSuccess()) {
            fail(connected.cause());
            return;
        }
        channel = connected.channel();
        if (done) {
            channel.close();
            return;
        }
        channel.pipeline().addLast("websocket-handshake-aggregator", new HttpObjectAggregator(1024 * 1024));
        channel.pipeline().addLast("websocket-call", this);
        handshaker.handshake(channel).addListener(sent -> {
            if (sent.isSuccess()) {
                channel.read();
            } else {
                fail(sent.cause());
            }
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
        if (done) {
            return;
        }
        if (msg instanceof FullHttpResponse response) {
            onHandshakeAnswer(ctx, response);
        } else if (msg instanceof TextWebSocketFrame text) {
            onMessage(ByteBufUtil.getBytes(text.content()));
        } else if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            readNext();
        } else if (msg instanceof CloseWebSocketFrame) {
            fail(new IOException("the upstream closed the WebSocket before the answer ended"));
        } else {
            readNext(); // binary and pong frames carry nothing for the exchange
        }
    }

    private void onHandshakeAnswer(ChannelHandlerContext ctx, FullHttpResponse response) {
        if (!response.status().equals(HttpResponseStatus.SWITCHING_PROTOCOLS)) {
            // A refusal is an upstream error: the relay classifies it like an HTTP error answer.
            done = true;
            cancelTimer();
            listener.onHead(new DefaultHttpResponse(HttpVersion.HTTP_1_1, response.status(), response.headers()));
            listener.onContent(new DefaultLastHttpContent(response.content().retain()));
            ctx.close();
            listener.onEnd();
            return;
        }
        handshaker.finishHandshake(ctx.channel(), response);
        ctx.pipeline().addBefore(ctx.name(), "websocket-aggregator", new WebSocketFrameAggregator(MAX_MESSAGE));
        open = true;
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, sse ? "text/event-stream" : "application/json");
        listener.onHead(head);
        ctx.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(firstMessage)));
        readNext();
    }

    private void onMessage(byte[] message) {
        boolean last;
        try {
            last = exchange.endsAnswer(message);
        } catch (RuntimeException e) {
            fail(e);
            return;
        }
        listener.onContent(new DefaultHttpContent(MessageFraming.frame(channel.alloc(), message, sse)));
        if (done) {
            return; // the listener aborted while handling the message
        }
        if (last) {
            done = true;
            cancelTimer();
            channel.writeAndFlush(new CloseWebSocketFrame()).addListener(closed -> channel.close());
            listener.onEnd();
            return;
        }
        readNext();
    }

    private void readNext() {
        if (paused) {
            readPending = true;
        } else {
            channel.read();
        }
    }

    /** Stops reading upstream messages until {@link #resume()}; call when the client cannot take more. */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
        if (readPending && !done && channel != null) {
            readPending = false;
            channel.read();
        }
    }

    /** Ends the exchange because the client went away: the socket is closed, the listener hears nothing more. */
    public void abort() {
        done = true;
        cancelTimer();
        if (channel != null) {
            channel.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new IOException("the upstream WebSocket closed before the answer ended"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(cause);
    }

    private void fail(Throwable cause) {
        if (done) {
            return;
        }
        done = true;
        cancelTimer();
        if (channel != null) {
            channel.close();
        }
        listener.onFailure(cause, open);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
        }
    }
}
