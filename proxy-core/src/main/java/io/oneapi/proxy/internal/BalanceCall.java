package io.oneapi.proxy.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpResponse;
import io.oneapi.proxy.upstream.CollectingListener;
import io.oneapi.proxy.upstream.UpstreamCall;
import io.oneapi.proxy.upstream.UpstreamConnector;
import io.oneapi.spi.BalanceQuery;
import io.oneapi.spi.UpstreamRequest;
import java.time.Duration;
import java.util.function.Consumer;

/** Runs a plugin's balance query: its requests one after another on the caller's event loop. */
final class BalanceCall implements CollectingListener.Receiver {
    private static final int MAX_BODY = 1024 * 1024;
    private static final int MAX_STEPS = 5;

    /** The answer for the admin server. */
    record Outcome(boolean success, String message, double balance) {
    }

    private final BalanceQuery query;
    private final UpstreamConnector connector;
    private final EventLoop loop;
    private final Duration timeout;
    private final Consumer<Outcome> done;
    private int steps;

    private BalanceCall(BalanceQuery query, UpstreamConnector connector, EventLoop loop, Duration timeout,
                        Consumer<Outcome> done) {
        this.query = query;
        this.connector = connector;
        this.loop = loop;
        this.timeout = timeout;
        this.done = done;
    }

    static void start(BalanceQuery query, UpstreamConnector connector, EventLoop loop, Duration timeout,
                      Consumer<Outcome> done) {
        BalanceCall call = new BalanceCall(query, connector, loop, timeout, done);
        UpstreamRequest first;
        try {
            first = query.firstRequest();
        } catch (RuntimeException e) {
            done.accept(new Outcome(false, e.getMessage(), 0));
            return;
        }
        call.send(first);
    }

    private void send(UpstreamRequest request) {
        if (++steps > MAX_STEPS) {
            done.accept(new Outcome(false, "balance query took too many steps", 0));
            return;
        }
        byte[] bytes = request.body() == null ? new byte[0] : request.body();
        try {
            UpstreamCall.start(connector, loop, request.url(), request.method(), request.headers(),
                    Unpooled.wrappedBuffer(bytes), timeout, new CollectingListener(ByteBufAllocator.DEFAULT,
                            MAX_BODY, this));
        } catch (IllegalArgumentException e) {
            done.accept(new Outcome(false, e.getMessage(), 0));
        }
    }

    @Override
    public void completed(HttpResponse head, ByteBuf body) {
        byte[] bytes = ByteBufUtil.getBytes(body);
        body.release();
        UpstreamRequest next;
        try {
            next = query.onResponse(head.status().code(), bytes);
        } catch (RuntimeException e) {
            done.accept(new Outcome(false, e.getMessage() == null ? e.toString() : e.getMessage(), 0));
            return;
        }
        if (next != null) {
            send(next);
        } else {
            done.accept(new Outcome(true, "", query.balance()));
        }
    }

    @Override
    public void failed(Throwable cause) {
        done.accept(new Outcome(false, "request failed: " + (cause.getMessage() == null
                ? cause.getClass().getSimpleName() : cause.getMessage()), 0));
    }
}
