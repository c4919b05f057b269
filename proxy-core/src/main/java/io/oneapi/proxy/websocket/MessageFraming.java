package io.oneapi.proxy.websocket;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * How upstream WebSocket messages reach the relay, which reads HTTP bodies: for a streaming client as
 * server-sent events, one event per message (every line of it a {@code data:} line, so the relay's splitter
 * gives the message back whole); otherwise as lines of one body.
 */
final class MessageFraming {
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private MessageFraming() {
    }

    static ByteBuf frame(ByteBufAllocator alloc, byte[] message, boolean sse) {
        if (!sse) {
            return alloc.buffer(message.length + 1).writeBytes(message).writeByte('\n');
        }
        ByteBuf out = alloc.buffer(message.length + 16);
        int start = 0;
        for (int i = 0; i <= message.length; i++) {
            if (i == message.length || message[i] == '\n') {
                int end = i > start && message[i - 1] == '\r' ? i - 1 : i;
                out.writeBytes(DATA).writeBytes(message, start, end - start).writeByte('\n');
                start = i + 1;
            }
        }
        return out.writeByte('\n');
    }
}
