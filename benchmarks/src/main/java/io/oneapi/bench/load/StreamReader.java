package io.oneapi.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One SSE stream of the streaming load: sends the request, notes when the first response byte arrived, and
 * checks that the stream ends complete (status 200, every byte the mock sent, last event
 * {@code data: [DONE]}). Runs on its channel's event loop; results are read after {@code finished}.
 */
final class StreamReader extends ChannelInboundHandlerAdapter {
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);

    private final LoadTarget target;
    private final long expectedBytes;
    private final AtomicInteger open;
    private final AtomicInteger peak;
    private final CountDownLatch finished;
    private final byte[] tail = new byte[DONE.length];
    private int tailLength;
    private long sentAt;
    private long firstByteAt;
    private long endedAt;
    private int status;
    private long bytes;
    private boolean started;
    private boolean done;
    private boolean complete;

    StreamReader(LoadTarget target, long expectedBytes, AtomicInteger open, AtomicInteger peak,
                 CountDownLatch finished) {
        this.target = target;
        this.expectedBytes = expectedBytes;
        this.open = open;
        this.peak = peak;
        this.finished = finished;
    }

    void start(Channel channel) {
        started = true;
        peak.accumulateAndGet(open.incrementAndGet(), Math::max);
        sentAt = System.nanoTime();
        channel.writeAndFlush(target.request());
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof HttpResponse response) {
                firstByteAt = System.nanoTime();
                status = response.status().code();
            }
            if (msg instanceof HttpContent content) {
                remember(content.content());
                if (content instanceof LastHttpContent) {
                    end(status == 200 && bytes == expectedBytes && tailLength == DONE.length
                            && Arrays.equals(tail, DONE));
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void remember(ByteBuf content) {
        int n = content.readableBytes();
        bytes += n;
        if (n >= tail.length) {
            content.getBytes(content.writerIndex() - tail.length, tail);
            tailLength = tail.length;
            return;
        }
        int keep = Math.min(tailLength, tail.length - n);
        System.arraycopy(tail, tailLength - keep, tail, 0, keep);
        content.getBytes(content.readerIndex(), tail, keep, n);
        tailLength = keep + n;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end(false);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void end(boolean ok) {
        if (done) {
            return;
        }
        done = true;
        complete = ok;
        endedAt = System.nanoTime();
        if (started) {
            open.decrementAndGet();
        }
        finished.countDown();
    }

    boolean complete() {
        return complete;
    }

    /** Time from sending the request to the response head (its first bytes); -1 when none came. */
    long timeToFirstByteNanos() {
        return firstByteAt == 0 ? -1 : firstByteAt - sentAt;
    }

    long durationNanos() {
        return endedAt - sentAt;
    }
}
