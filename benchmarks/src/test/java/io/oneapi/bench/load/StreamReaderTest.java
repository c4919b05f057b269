package io.oneapi.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.oneapi.bench.fixture.ChatFixtures;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The streaming load's completeness check, fed by hand. */
class StreamReaderTest {
    private final LoadTarget target = new LoadTarget("http://127.0.0.1:1/v1/chat/completions", "k",
            ChatFixtures.chatRequest(true));
    private final byte[] stream = ChatFixtures.streamBytes();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger peak = new AtomicInteger();
    private final CountDownLatch finished = new CountDownLatch(1);

    /** The reader started on an embedded channel that has seen a response head. */
    private EmbeddedChannel started(StreamReader reader, HttpResponseStatus status) {
        EmbeddedChannel channel = new EmbeddedChannel(reader);
        reader.start(channel);
        FullHttpRequest sent = channel.readOutbound();
        assertEquals("Bearer sk-k", sent.headers().get("Authorization"));
        sent.release();
        assertEquals(1, open.get());
        channel.writeInbound(new DefaultHttpResponse(HttpVersion.HTTP_1_1, status));
        return channel;
    }

    @Test
    void completeStreamEndingWithDoneInOddPieces() {
        StreamReader reader = new StreamReader(target, stream.length, open, peak, finished);
        EmbeddedChannel channel = started(reader, HttpResponseStatus.OK);
        // Pieces that cut the final "data: [DONE]" in two.
        int cut = stream.length - 5;
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(stream, 0, cut)));
        channel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(stream, cut, 3)));
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.wrappedBuffer(stream, cut + 3, 2)));
        assertTrue(reader.complete());
        assertEquals(0, finished.getCount());
        assertEquals(0, open.get());
        assertEquals(1, peak.get());
        assertTrue(reader.timeToFirstByteNanos() >= 0);
    }

    @Test
    void streamWithoutDoneIsIncomplete() {
        byte[] withoutDone = java.util.Arrays.copyOf(stream, stream.length - ChatFixtures.DONE_EVENT.length());
        StreamReader reader = new StreamReader(target, withoutDone.length, open, peak, finished);
        EmbeddedChannel channel = started(reader, HttpResponseStatus.OK);
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.wrappedBuffer(withoutDone)));
        assertFalse(reader.complete());
        assertEquals(0, finished.getCount());
    }

    @Test
    void errorStatusOrEarlyCloseIsIncomplete() {
        StreamReader failed = new StreamReader(target, stream.length, open, peak, finished);
        EmbeddedChannel channel = started(failed, HttpResponseStatus.BAD_GATEWAY);
        channel.writeInbound(new DefaultLastHttpContent(Unpooled.wrappedBuffer(stream)));
        assertFalse(failed.complete());

        CountDownLatch cutLatch = new CountDownLatch(1);
        StreamReader cut = new StreamReader(target, stream.length, open, peak, cutLatch);
        EmbeddedChannel cutChannel = started(cut, HttpResponseStatus.OK);
        cutChannel.writeInbound(new DefaultHttpContent(Unpooled.wrappedBuffer(stream, 0, 100)));
        cutChannel.close();
        assertFalse(cut.complete());
        assertEquals(0, cutLatch.getCount());
        assertEquals(-1, new StreamReader(target, 1, open, peak, new CountDownLatch(1)).timeToFirstByteNanos());
    }
}
