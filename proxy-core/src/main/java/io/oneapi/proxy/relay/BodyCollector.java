package io.oneapi.proxy.relay;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.HttpContent;

/**
 * Gathers a unary upstream body without copying (a composite of the received buffers), up to a limit.
 * Owns what it gathered until {@link #take()} hands it over or {@link #release()} frees it.
 */
final class BodyCollector {
    private final CompositeByteBuf body;
    private final int limit;
    private boolean overflow;

    BodyCollector(ByteBufAllocator alloc, int limit) {
        this.body = alloc.compositeBuffer(64);
        this.limit = limit;
    }

    /** Adds one buffer; takes ownership of the content. */
    void add(HttpContent content) {
        ByteBuf bytes = content.content();
        if (overflow || body.readableBytes() + bytes.readableBytes() > limit) {
            overflow = true;
            content.release();
            return;
        }
        if (bytes.isReadable()) {
            body.addComponent(true, bytes.retain());
        }
        content.release();
    }

    boolean overflowed() {
        return overflow;
    }

    /** Hands the gathered body to the caller, who must release it. */
    ByteBuf take() {
        return body;
    }

    void release() {
        if (body.refCnt() > 0) {
            body.release();
        }
    }
}
