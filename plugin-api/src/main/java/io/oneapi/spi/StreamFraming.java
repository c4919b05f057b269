package io.oneapi.spi;

/** Upstream stream framings the core knows how to split into {@link SseEvent}s. */
public enum StreamFraming {
    /** Server-sent events: {@code event:} / {@code data:} lines, events separated by a blank line. */
    SSE,
    /** One JSON document per line (Ollama). */
    NDJSON,
    /**
     * AWS event-stream binary messages (Bedrock InvokeModelWithResponseStream): each message's payload
     * becomes one {@link SseEvent} whose name is the {@code :event-type} header.
     */
    @Experimental
    AWS_EVENT_STREAM
}
