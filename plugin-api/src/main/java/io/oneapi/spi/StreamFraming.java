package io.oneapi.spi;

/** Upstream stream framings the core knows how to split into {@link SseEvent}s. */
public enum StreamFraming {
    /** Server-sent events: {@code event:} / {@code data:} lines, events separated by a blank line. */
    SSE,
    /** One JSON document per line (Ollama). */
    NDJSON
}
