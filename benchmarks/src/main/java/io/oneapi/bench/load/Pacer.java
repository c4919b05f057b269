package io.oneapi.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpResponse;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One connection of the open-loop generator: sends a request every {@code interval} from {@code first} until
 * {@code end}; one request in flight at a time (HTTP/1.1 without pipelining). When an answer comes back late
 * the next request goes at once and its latency still counts from when it was due. Runs on its channel's
 * event loop only.
 */
final class Pacer extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final LoadTarget target;
    private final long interval;
    private final long measureFrom;
    private final long end;
    private final CountDownLatch finished;
    private final LatencyHistogram histogram = new LatencyHistogram();
    private Channel channel;
    private long nextDue;
    private long inFlightDue;
    private boolean done;
    private long errors;

    Pacer(LoadTarget target, long first, long interval, long measureFrom, long end, CountDownLatch finished) {
        this.target = target;
        this.nextDue = first;
        this.interval = interval;
        this.measureFrom = measureFrom;
        this.end = end;
        this.finished = finished;
    }

    void begin(Channel ch) {
        this.channel = ch;
        scheduleNext();
    }

    private void scheduleNext() {
        if (done) {
            return;
        }
        if (nextDue >= end) {
            finish();
            return;
        }
        long delay = nextDue - System.nanoTime();
        if (delay <= 0) {
            send();
        } else {
            channel.eventLoop().schedule(this::send, delay, TimeUnit.NANOSECONDS);
        }
    }

    private void send() {
        if (done) {
            return;
        }
        inFlightDue = nextDue;
        nextDue += interval;
        channel.writeAndFlush(target.request()).addListener(f -> {
            if (!f.isSuccess()) {
                fail();
            }
        });
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
        long now = System.nanoTime();
        if (response.status().code() != 200) {
            errors++;
        } else if (inFlightDue >= measureFrom) {
            histogram.recordNanos(now - inFlightDue);
        }
        scheduleNext();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!done) {
            fail();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail();
        ctx.close();
    }

    private void fail() {
        if (done) {
            return;
        }
        errors++;
        finish();
    }

    private void finish() {
        if (!done) {
            done = true;
            finished.countDown();
        }
    }

    LatencyHistogram histogram() {
        return histogram;
    }

    long errors() {
        return errors;
    }

    /** Requests that were due but never sent (the connection broke first). */
    long unsent() {
        return done && nextDue < end ? (end - nextDue) / interval : 0;
    }
}
