package io.oneapi.proxy.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * Idle keep-alive connections to one endpoint, owned by one event loop: every method runs on that loop, so there is
 * no locking, no promise per release and no health-check round trip (Netty's SimpleChannelPool did all three, and
 * showed in load profiles). The most recently used connection is reused first, so surplus ones age out through the
 * reader-idle timeout of their pipeline.
 */
final class LoopPool {
    /** Beyond this many idle connections per endpoint and loop, released ones are closed. */
    static final int MAX_IDLE = 512;

    private final EventLoop loop;
    private final Bootstrap bootstrap;
    private final ArrayDeque<Channel> idle = new ArrayDeque<>();
    private boolean closed;

    /** @param bootstrap makes a new connection with its pipeline initialised (group {@code loop}) */
    LoopPool(EventLoop loop, Bootstrap bootstrap) {
        this.loop = loop;
        this.bootstrap = bootstrap;
    }

    /** An open idle connection, or a new one; must run on the loop. */
    Future<Channel> acquire() {
        assert loop.inEventLoop();
        Channel ch;
        while ((ch = idle.pollFirst()) != null) {
            if (ch.isActive()) {
                return loop.newSucceededFuture(ch);
            }
            ch.close();
        }
        Promise<Channel> connected = loop.newPromise();
        ChannelFuture connect = bootstrap.connect();
        connect.addListener(f -> {
            if (f.isSuccess()) {
                Channel fresh = connect.channel();
                // An idle connection the upstream closes leaves the pool at once (runs on the loop).
                fresh.closeFuture().addListener(c -> idle.remove(fresh));
                connected.setSuccess(fresh);
            } else {
                connected.setFailure(f.cause());
            }
        });
        return connected;
    }

    /** Takes back a connection after a call; a closed one (or one too many) is dropped. Must run on the loop. */
    void release(Channel ch) {
        assert loop.inEventLoop();
        if (closed || !ch.isActive() || idle.size() >= MAX_IDLE) {
            ch.close();
            return;
        }
        idle.addFirst(ch);
    }

    /** Closes every idle connection; connections in use are closed by their calls when they are released. */
    void close() {
        if (loop.inEventLoop()) {
            closeNow();
            return;
        }
        try {
            loop.execute(this::closeNow);
        } catch (RejectedExecutionException shutDown) {
            closeNow(); // the loop is gone: nothing else can touch the deque any more
        }
    }

    private void closeNow() {
        closed = true;
        Channel ch;
        while ((ch = idle.pollFirst()) != null) {
            ch.close();
        }
    }

    /** Idle connections held (tests). */
    int idleCount() {
        return idle.size();
    }
}
