package io.oneapi.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
import io.oneapi.proxy.client.OpenAiError;
import io.oneapi.proxy.client.Responses;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.StreamFraming;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.Usage;
import java.nio.charset.StandardCharsets;

/**
 * Streams an upstream event stream to the client. In pass-through mode each upstream buffer is written to
 * the client as is (no copy, no re-serialisation) while a splitter reads usage and text from it; in
 * translate mode the exchange turns each upstream event into OpenAI chunks. Either way the client's stream
 * ends with {@code data: [DONE]}, added when the upstream left it out, and an upstream failure mid-stream
 * becomes an error event before it.
 */
final class StreamForwarder {
    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END = "\n\n".getBytes(StandardCharsets.US_ASCII);

    private final ChannelHandlerContext ctx;
    private final ProviderExchange exchange;
    private final boolean passthrough;
    private final OpenAiUsageReader reader = new OpenAiUsageReader();
    private final SseSplitter splitter;
    /** Used instead of {@link #splitter} when the upstream streams AWS event-stream (translate mode only). */
    private final AwsEventStreamSplitter eventStream;
    private final EventSink sink;
    private boolean doneWritten;
    private boolean closed;
    /** Pass-through: events in the buffer being read, and those with empty choices and no usage. */
    private int bufferEvents;
    private int bufferEmptyEvents;
    private final SseSplitter.Listener readEvent = (event, data) -> {
        reader.read(data);
        bufferEvents++;
        if (reader.lastWasEmpty()) {
            bufferEmptyEvents++;
        }
    };

    StreamForwarder(ChannelHandlerContext ctx, ProviderExchange exchange, String requestId) {
        this.ctx = ctx;
        this.exchange = exchange;
        this.passthrough = exchange.streamMode() == StreamMode.PASSTHROUGH;
        this.splitter = new SseSplitter(ctx.alloc(), exchange.streamFraming() == StreamFraming.NDJSON);
        this.eventStream = !passthrough && exchange.streamFraming() == StreamFraming.AWS_EVENT_STREAM
                ? new AwsEventStreamSplitter(ctx.alloc()) : null;
        this.sink = this::writeChunk;
        ctx.write(Responses.streamHead(requestId));
    }

    /**
     * Handles one upstream content buffer; takes ownership of it. What it writes is flushed by {@link #flush}, once
     * per upstream read: several chunks that arrived together go out in one write.
     */
    void onContent(HttpContent content) {
        ByteBuf bytes = content.content();
        try {
            if (passthrough) {
                boolean startedClean = splitter.atEventBoundary();
                bufferEvents = 0;
                bufferEmptyEvents = 0;
                splitter.feed(bytes, readEvent);
                // Bytes pass untouched, except a buffer that holds nothing but whole empty events (Azure's
                // content-filter preamble arrives so): dropped, as One API drops them.
                boolean onlyEmptyEvents = startedClean && splitter.atEventBoundary() && bufferEvents > 0
                        && bufferEvents == bufferEmptyEvents;
                if (bytes.isReadable() && !onlyEmptyEvents) {
                    ctx.write(new DefaultHttpContent(bytes.retain()));
                }
            } else if (eventStream != null) {
                eventStream.feed(bytes, this::translate);
            } else {
                splitter.feed(bytes, this::translate);
            }
        } finally {
            content.release();
        }
    }

    /** Sends what {@link #onContent} wrote. */
    void flush() {
        if (!closed) {
            ctx.flush();
        }
    }

    /** The upstream finished cleanly. */
    void onEnd() {
        if (passthrough) {
            splitter.finish((event, data) -> reader.read(data));
            if (reader.doneSeen()) {
                doneWritten = true;
            }
        } else {
            if (eventStream != null) {
                eventStream.finish(this::translate);
            } else {
                splitter.finish(this::translate);
            }
            exchange.onStreamEnd(sink);
        }
        close();
    }

    /**
     * The upstream broke after the stream started: tell the client in-band, then end the stream without
     * {@code [DONE]}, so that a client cannot take the cut answer for a complete one.
     */
    void onUpstreamBroke(OpenAiError error) {
        if (closed) {
            return;
        }
        if (!passthrough) {
            try {
                exchange.onStreamEnd(sink);
            } catch (RuntimeException e) {
                // the adapter is what broke: end the stream without its last words
            }
        }
        writeChunk(error.toJson());
        doneWritten = true; // suppresses the [DONE] a clean end gets
        close();
    }

    /** The client went away: free buffers, write nothing. */
    void abandon() {
        if (!closed) {
            closed = true;
            splitter.close();
            if (eventStream != null) {
                eventStream.close();
            }
        }
    }

    private void translate(String event, ByteBuf data) {
        if (!event.isEmpty() || data.readableBytes() != 6 || !isDoneMarker(data)) {
            exchange.onEvent(new SseEvent(event, ByteBufUtil.getBytes(data)), sink);
        }
    }

    private static boolean isDoneMarker(ByteBuf data) {
        return data.toString(StandardCharsets.US_ASCII).equals("[DONE]");
    }

    private void writeChunk(byte[] json) {
        reader.read(io.netty.buffer.Unpooled.wrappedBuffer(json));
        ByteBuf frame = ctx.alloc().buffer(DATA.length + json.length + END.length);
        frame.writeBytes(DATA).writeBytes(json).writeBytes(END);
        ctx.write(new DefaultHttpContent(frame));
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        splitter.close();
        if (eventStream != null) {
            eventStream.close();
        }
        if (!doneWritten) {
            doneWritten = true;
            ctx.write(new DefaultHttpContent(ctx.alloc().buffer(DONE.length).writeBytes(DONE)));
        }
        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
    }

    /** Usage the upstream reported (pass-through) or the exchange computed (translate); null when none. */
    Usage usage() {
        if (passthrough) {
            return reader.usage();
        }
        Usage u = exchange.usage();
        return u == null || u.isEmpty() ? reader.usage() : u;
    }

    String generatedText() {
        return reader.generatedText();
    }
}
