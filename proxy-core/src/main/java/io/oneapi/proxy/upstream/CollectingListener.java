package io.oneapi.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * An {@link UpstreamListener} for small unary answers (channel tests, balance queries, admin pages): gathers
 * the body without copying, up to a limit, and hands the whole answer to a {@link Receiver}.
 */
public final class CollectingListener implements UpstreamListener {

    /** Gets the collected answer, or the failure. Exactly one method is called, once. */
    public interface Receiver {
        /** Takes ownership of {@code body}. */
        void completed(HttpResponse head, ByteBuf body);

        void failed(Throwable cause);
    }

    /** The answer was larger than the limit. */
    public static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;

        TooLargeException(int limit) {
            super("the answer is larger than " + limit + " bytes", null, false, false);
        }
    }

    private final ByteBufAllocator alloc;
    private final int limit;
    private final Receiver receiver;
    private HttpResponse head;
    private CompositeByteBuf body;
    private boolean overflow;

    public CollectingListener(ByteBufAllocator alloc, int limit, Receiver receiver) {
        this.alloc = alloc;
        this.limit = limit;
        this.receiver = receiver;
    }

    @Override
    public void onHead(HttpResponse response) {
        head = response;
        body = alloc.compositeBuffer(64);
    }

    @Override
    public void onContent(HttpContent content) {
        ByteBuf bytes = content.content();
        if (!overflow && body.readableBytes() + bytes.readableBytes() <= limit) {
            if (bytes.isReadable()) {
                body.addComponent(true, bytes.retain());
            }
        } else {
            overflow = true;
        }
        content.release();
    }

    @Override
    public void onEnd() {
        if (overflow) {
            body.release();
            receiver.failed(new TooLargeException(limit));
            return;
        }
        receiver.completed(head, body);
    }

    @Override
    public void onFailure(Throwable cause, boolean afterHead) {
        if (body != null) {
            body.release();
        }
        receiver.failed(cause);
    }
}
