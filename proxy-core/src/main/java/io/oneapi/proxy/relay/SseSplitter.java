package io.oneapi.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into server-sent events (or NDJSON records) incrementally, across arbitrary chunk
 * boundaries. It only reads the chunks it is given (the caller still owns and may forward them untouched)
 * and copies just the payload bytes of each event into one reusable buffer.
 *
 * <p>SSE rules followed: lines end in LF or CRLF; {@code data:} lines of one event are joined with LF; one
 * leading space after the colon is dropped; {@code event:} names the event; comments and other fields are
 * ignored; a blank line dispatches. An event without data is not dispatched.
 */
public final class SseSplitter implements AutoCloseable {
    /** Receives each complete event; {@code data} is valid only during the call. */
    public interface Listener {
        void onEvent(String event, ByteBuf data);
    }

    private static final int MAX_LINE = 16 * 1024 * 1024;

    private final boolean ndjson;
    private final ByteBuf line;
    private final ByteBuf data;
    private String event = "";
    private boolean hasData;

    public SseSplitter(ByteBufAllocator alloc, boolean ndjson) {
        this.ndjson = ndjson;
        this.line = alloc.heapBuffer(256);
        this.data = alloc.heapBuffer(1024);
    }

    /** Feeds a chunk (not consumed: reader index unchanged). */
    public void feed(ByteBuf chunk, Listener listener) {
        int start = chunk.readerIndex();
        int end = chunk.writerIndex();
        while (start < end) {
            int lf = chunk.forEachByte(start, end - start, ByteProcessor.FIND_LF);
            if (lf < 0) {
                append(chunk, start, end - start);
                return;
            }
            append(chunk, start, lf - start);
            onLine(listener);
            start = lf + 1;
        }
    }

    /** Flushes what is pending at end of stream (a last event without its blank line). */
    public void finish(Listener listener) {
        if (line.isReadable()) {
            onLine(listener);
        }
        if (!ndjson) {
            dispatch(listener);
        }
    }

    private void append(ByteBuf chunk, int from, int length) {
        if (line.readableBytes() + length > MAX_LINE) {
            throw new IllegalStateException("upstream stream line longer than " + MAX_LINE + " bytes");
        }
        line.writeBytes(chunk, from, length);
    }

    private void onLine(Listener listener) {
        int len = line.readableBytes();
        if (len > 0 && line.getByte(line.writerIndex() - 1) == '\r') {
            line.writerIndex(line.writerIndex() - 1);
            len--;
        }
        try {
            if (ndjson) {
                if (len > 0) {
                    listener.onEvent("", line);
                }
                return;
            }
            if (len == 0) {
                dispatch(listener);
            } else if (startsWith("data:")) {
                if (hasData) {
                    data.writeByte('\n');
                }
                int skip = 5;
                if (len > 5 && line.getByte(line.readerIndex() + 5) == ' ') {
                    skip = 6;
                }
                data.writeBytes(line, line.readerIndex() + skip, len - skip);
                hasData = true;
            } else if (startsWith("event:")) {
                event = line.toString(line.readerIndex() + 6, len - 6, StandardCharsets.UTF_8).trim();
            }
        } finally {
            line.clear();
        }
    }

    private void dispatch(Listener listener) {
        if (hasData) {
            try {
                listener.onEvent(event, data);
            } finally {
                data.clear();
                hasData = false;
            }
        }
        event = "";
    }

    private boolean startsWith(String prefix) {
        if (line.readableBytes() < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (line.getByte(line.readerIndex() + i) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Nothing pending: the bytes fed so far ended exactly at the end of an event. */
    public boolean atEventBoundary() {
        return !line.isReadable() && !hasData;
    }

    @Override
    public void close() {
        line.release();
        data.release();
    }
}
