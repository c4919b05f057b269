package io.oneapi.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AttributeKey;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import io.oneapi.spi.Header;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One HTTP exchange with an upstream on a pooled connection of the caller's event loop. Everything here
 * runs on that loop. The call owns the request body (one reference) and releases it when it ends. Pooled
 * connections read automatically; {@link #pause()} turns reading off until {@link #resume()} (backpressure).
 */
// Sharable only so that a call can move to a fresh connection after a stale pooled one (Netty refuses to add a
// handler twice otherwise, even after its removal); it is on one pipeline at a time.
@io.netty.channel.ChannelHandler.Sharable
public final class UpstreamCall extends ChannelInboundHandlerAdapter {
    private static final AttributeKey<Boolean> REUSED = AttributeKey.valueOf("oneapi.upstream.reused");

    private final UpstreamConnector connector;
    private final EventLoop loop;
    private final UpstreamTarget target;
    private final UpstreamEndpoint endpoint;
    private final HttpMethod method;
    private final List<Header> headers;
    private final ByteBuf body;
    private final Duration timeout;
    private final UpstreamListener listener;

    private LoopPool pool;
    private Channel channel;
    private ScheduledFuture<?> timer;
    /** How soon after sending a lost pooled connection counts as one the upstream had closed while idle. */
    private static final long STALE_WINDOW_NANOS = java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(500);
    private boolean headSeen;
    private boolean keepAlive = true;
    private boolean paused;
    private boolean done;
    private boolean retriedStale;
    /** When the request was handed to the connection: a stale pooled one fails at once, a busy upstream later. */
    private long sentAtNanos;

    private UpstreamCall(UpstreamConnector connector, EventLoop loop, UpstreamTarget target, HttpMethod method,
                         List<Header> headers, ByteBuf body, Duration timeout, UpstreamListener listener) {
        this.connector = connector;
        this.loop = loop;
        this.target = target;
        this.endpoint = target.endpoint();
        this.method = method;
        this.headers = headers;
        this.body = body;
        this.timeout = timeout;
        this.listener = listener;
    }

    /**
     * Starts a call. Takes ownership of {@code body}. Must run on {@code loop}.
     *
     * @param timeout the whole-response timeout; zero for none
     * @throws IllegalArgumentException for a URL that is not absolute http(s); the body is released then
     */
    public static UpstreamCall start(UpstreamConnector connector, EventLoop loop, String url, String method,
                                     List<Header> headers, ByteBuf body, Duration timeout, UpstreamListener listener) {
        UpstreamCall call;
        try {
            call = new UpstreamCall(connector, loop, UpstreamTarget.of(url), HttpMethod.valueOf(method), headers, body,
                    timeout, listener);
        } catch (RuntimeException e) {
            ReferenceCountUtil.safeRelease(body);
            throw new IllegalArgumentException("invalid upstream URL: " + e.getMessage(), e);
        }
        call.begin();
        return call;
    }

    private void begin() {
        if (!timeout.isZero()) {
            timer = loop.schedule(() -> fail(new TimeoutException("upstream did not answer within " + timeout)),
                    timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        acquire();
    }

    private void acquire() {
        pool = connector.pool(loop, endpoint);
        pool.acquire().addListener((Future<Channel> f) -> {
            if (done) {
                if (f.isSuccess()) {
                    pool.release(f.getNow());
                }
                return;
            }
            if (!f.isSuccess()) {
                fail(f.cause());
                return;
            }
            attach(f.getNow());
        });
    }

    private void attach(Channel ch) {
        this.channel = ch;
        boolean reused = Boolean.TRUE.equals(ch.attr(REUSED).getAndSet(Boolean.TRUE));
        ch.pipeline().addLast(UpstreamConnector.CALL, this);
        if (paused) {
            ch.config().setAutoRead(false); // paused before the connection was ready
        }
        sentAtNanos = System.nanoTime();
        ch.writeAndFlush(buildRequest()).addListener(w -> {
            if (!w.isSuccess()) {
                onConnectionLost(reused, w.cause());
            }
        });
    }

    private FullHttpRequest buildRequest() {
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, target.requestTarget(),
                body.retainedDuplicate());
        HttpHeaders h = request.headers();
        for (Header header : headers) {
            h.add(header.name(), header.value());
        }
        h.set(HttpHeaderNames.HOST, target.hostHeader());
        h.remove(HttpHeaderNames.ACCEPT_ENCODING);
        h.remove(HttpHeaderNames.TRANSFER_ENCODING);
        h.remove(HttpHeaderNames.CONNECTION);
        HttpUtil.setContentLength(request, body.readableBytes());
        return request;
    }

    /** Stops pulling upstream data until {@link #resume()}; call when the client cannot take more. */
    public void pause() {
        if (!paused) {
            paused = true;
            if (channel != null && !done) {
                channel.config().setAutoRead(false);
            }
        }
    }

    public void resume() {
        if (paused) {
            paused = false;
            if (channel != null && !done) {
                channel.config().setAutoRead(true);
            }
        }
    }

    /** Ends the call because the client went away: the upstream connection is closed, not reused. */
    public void abort() {
        if (done) {
            return;
        }
        keepAlive = false;
        finish(false);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (done) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpResponse response) {
            headSeen = true;
            keepAlive = HttpUtil.isKeepAlive(response);
            listener.onHead(response);
        }
        if (msg instanceof HttpContent content) {
            boolean last = content instanceof LastHttpContent;
            listener.onContent(content);
            if (last) {
                finish(true);
            }
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!done) {
            listener.onReadComplete();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!done) {
            onConnectionLost(Boolean.TRUE.equals(ctx.channel().attr(REUSED).get()),
                    new ClosedChannelException());
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!done) {
            keepAlive = false;
            fail(cause);
        }
    }

    /**
     * A pooled connection the upstream had already closed is retried once on a fresh one. Only when it was lost
     * right after the request went out: a connection that dies later (a load balancer's idle timeout during a long
     * completion) may have carried a request the upstream is running, and sending it again would run it twice.
     */
    private void onConnectionLost(boolean reused, Throwable cause) {
        if (done) {
            return;
        }
        boolean staleOnArrival = System.nanoTime() - sentAtNanos < STALE_WINDOW_NANOS;
        if (reused && !headSeen && !retriedStale && staleOnArrival) {
            retriedStale = true;
            Channel stale = channel;
            channel = null;
            stale.pipeline().remove(this);
            stale.close();
            pool.release(stale);
            acquire();
            return;
        }
        keepAlive = false;
        fail(cause);
    }

    private void fail(Throwable cause) {
        if (done) {
            return;
        }
        keepAlive = false;
        boolean afterHead = headSeen;
        finish(false);
        listener.onFailure(cause, afterHead);
    }

    private void finish(boolean complete) {
        done = true;
        if (timer != null) {
            timer.cancel(false);
        }
        body.release();
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            if (ch.pipeline().context(this) != null) {
                ch.pipeline().remove(this);
            }
            if (!complete || !keepAlive) {
                ch.close();
            } else if (paused) {
                ch.config().setAutoRead(true); // pooled connections read, so an upstream close is seen at once
            }
            pool.release(ch);
        }
        if (complete) {
            listener.onEnd();
        }
    }
}
