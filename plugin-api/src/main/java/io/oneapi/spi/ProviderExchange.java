package io.oneapi.spi;

/**
 * One request attempt against one provider channel. Created by {@link ProviderAdapter#newExchange},
 * used by a single thread, never shared, never reused for another attempt.
 *
 * <p>Call order: {@link #translateRequest} once; then, for a unary response, {@link #translateBody};
 * for a stream, {@link #onEvent} per upstream event and {@link #onStreamEnd} once (also when the upstream
 * stopped early); finally {@link #usage()}. In {@link StreamMode#PASSTHROUGH} only the first call happens.
 */
public interface ProviderExchange {

    /** Builds the upstream request (URL, headers including auth or signature, body). */
    UpstreamRequest translateRequest(ClientRequest request);

    /** Whether the core may forward the upstream's bytes untouched. */
    StreamMode streamMode();

    /** Translates a successful unary upstream body into the OpenAI format. */
    default TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        return new TranslatedBody(status, body, Usage.NONE);
    }

    /** Translates one upstream stream event into zero or more OpenAI chunks. */
    default void onEvent(SseEvent event, EventSink sink) {
        sink.emit(event.data());
    }

    /** Called once when the upstream stream ended, cleanly or not; may emit a last chunk. */
    default void onStreamEnd(EventSink sink) {
    }

    /** Usage seen so far; read by the core after the stream or body ended. */
    default Usage usage() {
        return Usage.NONE;
    }

    /** How the upstream frames its stream; SSE unless an adapter says otherwise. */
    default StreamFraming streamFraming() {
        return StreamFraming.SSE;
    }

    /**
     * False when the upstream answers even a streaming request with one unary body (DeepL never streams).
     * For a client that asked for a stream the core then reads that answer like a unary one (size limit,
     * error statuses, retries before the first byte), passes it to {@link #translateBody}, and sends the
     * translated body as a stream: a {@code chat.completion} becomes one {@code chat.completion.chunk}
     * (each choice's {@code message} as its {@code delta}, without usage), then {@code [DONE]}.
     * Only read in {@link StreamMode#TRANSLATE}.
     */
    @Experimental
    default boolean upstreamStreams() {
        return true;
    }

    /**
     * Extracts a human-readable message from an upstream error body in the provider's own format, or
     * null to let the core apply its generic extraction (OpenAI {@code error.message}, {@code message} ...).
     */
    default String errorMessage(int status, byte[] body) {
        return null;
    }
}
