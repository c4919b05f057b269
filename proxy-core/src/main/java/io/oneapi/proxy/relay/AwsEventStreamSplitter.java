package io.oneapi.proxy.relay;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Splits an AWS event-stream ({@code application/vnd.amazon.eventstream}, Bedrock's
 * InvokeModelWithResponseStream) into events, incrementally across arbitrary chunk boundaries. A message
 * is: total length (4 bytes), headers length (4), CRC32 of those 8 bytes; the headers (name length, name,
 * value type, value); the payload; CRC32 of everything before it. Both CRCs are checked; a mismatch, a
 * malformed header or a message above {@link #MAX_MESSAGE} bytes throws {@link IllegalStateException},
 * which the relay treats as the upstream breaking.
 *
 * <p>Each message becomes one event for the listener: an {@code event} message under its
 * {@code :event-type}; an {@code exception} message as {@code exception:<:exception-type>} with its JSON
 * payload; an {@code error} message as {@code error:<:error-code>} with {@code {"message": :error-message}}.
 * The chunks fed are only read (the caller keeps owning them); the bytes of an unfinished message are
 * copied into one buffer this splitter owns and releases on {@link #close()}.
 */
public final class AwsEventStreamSplitter implements AutoCloseable {
    /** AWS's limit for one event-stream message. */
    static final int MAX_MESSAGE = 16 * 1024 * 1024;
    private static final int PRELUDE = 12;
    private static final int OVERHEAD = PRELUDE + 4;

    private final ByteBuf pending;

    public AwsEventStreamSplitter(ByteBufAllocator alloc) {
        this.pending = alloc.heapBuffer(1024);
    }

    /** Feeds a chunk (not consumed: its reader index is unchanged) and dispatches every message it completes. */
    public void feed(ByteBuf chunk, SseSplitter.Listener listener) {
        pending.writeBytes(chunk, chunk.readerIndex(), chunk.readableBytes());
        while (pending.readableBytes() >= PRELUDE) {
            int start = pending.readerIndex();
            long total = pending.getUnsignedInt(start);
            long headersLength = pending.getUnsignedInt(start + 4);
            if (crc(start, 8) != pending.getUnsignedInt(start + 8)) {
                throw new IllegalStateException("AWS event-stream prelude CRC mismatch");
            }
            if (total < OVERHEAD || total > MAX_MESSAGE || headersLength > total - OVERHEAD) {
                throw new IllegalStateException("AWS event-stream message of invalid length " + total);
            }
            if (pending.readableBytes() < total) {
                break;
            }
            int end = start + (int) total;
            if (crc(start, (int) total - 4) != pending.getUnsignedInt(end - 4)) {
                throw new IllegalStateException("AWS event-stream message CRC mismatch");
            }
            int payloadStart = start + PRELUDE + (int) headersLength;
            Headers headers = Headers.read(pending, start + PRELUDE, payloadStart);
            pending.readerIndex(end);
            dispatch(headers, pending.slice(payloadStart, end - 4 - payloadStart), listener);
        }
        pending.discardSomeReadBytes();
    }

    /** The stream ended: bytes of an unfinished message are dropped (the exchange sees the stream end early). */
    public void finish(SseSplitter.Listener listener) {
        pending.clear();
    }

    private static void dispatch(Headers headers, ByteBuf payload, SseSplitter.Listener listener) {
        switch (headers.messageType) {
            case "event" -> listener.onEvent(headers.eventType, payload);
            case "exception" -> listener.onEvent("exception:" + headers.exceptionType, payload);
            case "error" -> {
                String message = new String(JsonStringEncoder.getInstance().quoteAsString(headers.errorMessage));
                listener.onEvent("error:" + headers.errorCode, Unpooled.wrappedBuffer(
                        ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8)));
            }
            default -> {
                // message types added later are not for us
            }
        }
    }

    private long crc(int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(pending.nioBuffer(from, length));
        return crc.getValue();
    }

    @Override
    public void close() {
        pending.release();
    }

    /** The string headers the relay needs; other headers are skipped by their declared sizes. */
    private static final class Headers {
        String messageType = "event";
        String eventType = "";
        String exceptionType = "";
        String errorCode = "";
        String errorMessage = "";

        static Headers read(ByteBuf buf, int from, int to) {
            Headers headers = new Headers();
            int pos = from;
            while (pos < to) {
                int nameLength = buf.getUnsignedByte(pos);
                if (pos + 1 + nameLength + 1 > to) {
                    throw new IllegalStateException("AWS event-stream header runs past the headers");
                }
                String name = buf.toString(pos + 1, nameLength, StandardCharsets.UTF_8);
                pos += 1 + nameLength;
                int type = buf.getByte(pos++);
                int valueLength = switch (type) {
                    case 0, 1 -> 0;             // true, false
                    case 2 -> 1;                // byte
                    case 3 -> 2;                // short
                    case 4 -> 4;                // integer
                    case 5, 8 -> 8;             // long, timestamp
                    case 9 -> 16;               // uuid
                    case 6, 7 -> pos + 2 > to ? to : 2 + buf.getUnsignedShort(pos); // 2-byte length first
                    default -> throw new IllegalStateException("AWS event-stream header of unknown type " + type);
                };
                if (pos + valueLength > to) {
                    throw new IllegalStateException("AWS event-stream header runs past the headers");
                }
                if (type == 7) {
                    headers.set(name, buf.toString(pos + 2, valueLength - 2, StandardCharsets.UTF_8));
                }
                pos += valueLength;
            }
            return headers;
        }

        private void set(String name, String value) {
            switch (name) {
                case ":message-type" -> messageType = value;
                case ":event-type" -> eventType = value;
                case ":exception-type" -> exceptionType = value;
                case ":error-code" -> errorCode = value;
                case ":error-message" -> errorMessage = value;
                default -> {
                    // :content-type and others
                }
            }
        }
    }
}
