package io.oneapi.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.util.ByteProcessor;
import java.nio.charset.StandardCharsets;

/**
 * The size in bytes a reservation estimates the prompt from: the body, except that each inline base64 image
 * ({@code data:...;base64,...}) counts as {@link #IMAGE_BYTES} instead of its own length. A 4 MB photo is a few
 * hundred tokens to the model, but 1.5 million by the bytes-to-tokens estimate, which refused users who could
 * easily pay for the request.
 */
final class PromptSize {
    /** About 1,000 tokens at the reservation's 0.38 tokens per byte: above a high-detail 1024x1024 tile set. */
    static final int IMAGE_BYTES = 2_700;
    private static final byte[] MARKER = ";base64,".getBytes(StandardCharsets.US_ASCII);
    /** Bodies below this hold no image worth the scan. */
    private static final int SCAN_FROM = 16 * 1024;

    private PromptSize() {
    }

    static int of(ByteBuf body) {
        int length = body.readableBytes();
        if (length < SCAN_FROM) {
            return length;
        }
        long size = length;
        int from = body.readerIndex();
        int end = body.writerIndex();
        while (true) {
            int marker = indexOf(body, from, end);
            if (marker < 0) {
                break;
            }
            int start = marker + MARKER.length;
            // A base64 payload ends at the closing quote of its JSON string.
            int close = body.forEachByte(start, end - start, b -> b != '"');
            int stop = close < 0 ? end : close;
            size += IMAGE_BYTES - (stop - start);
            from = stop;
        }
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, size));
    }

    private static int indexOf(ByteBuf body, int from, int end) {
        int at = from;
        while (at < end) {
            int semicolon = body.forEachByte(at, end - at, ByteProcessor.FIND_SEMI_COLON);
            if (semicolon < 0 || semicolon + MARKER.length > end) {
                return -1;
            }
            if (matches(body, semicolon)) {
                return semicolon;
            }
            at = semicolon + 1;
        }
        return -1;
    }

    private static boolean matches(ByteBuf body, int at) {
        for (int i = 0; i < MARKER.length; i++) {
            if (body.getByte(at + i) != MARKER[i]) {
                return false;
            }
        }
        return true;
    }
}
