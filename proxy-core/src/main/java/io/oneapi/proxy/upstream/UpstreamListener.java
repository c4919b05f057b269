package io.oneapi.proxy.upstream;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Receives one upstream response, on the event loop that owns the client connection. Exactly one of
 * {@link #onFailure} or {@link #onEnd} ends a call. Content ownership passes to the listener: it must
 * release (or forward) every {@link HttpContent} it gets.
 */
public interface UpstreamListener {
    void onHead(HttpResponse head);

    void onContent(HttpContent content);

    /**
     * The pieces of content of one socket read have all been delivered: a listener that forwards content can flush
     * once here rather than once per piece. Not called by every source (a WebSocket call does not).
     */
    default void onReadComplete() {
    }

    /** The response completed; the connection has been returned to the pool or closed. */
    void onEnd();

    /** Connect, write, read or timeout failure; {@code afterHead} tells whether a head had arrived. */
    void onFailure(Throwable cause, boolean afterHead);
}
