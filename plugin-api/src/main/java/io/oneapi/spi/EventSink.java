package io.oneapi.spi;

/** Where a translating exchange writes OpenAI-format stream chunks; the core frames them as SSE. */
public interface EventSink {
    /** Emits one chunk: the JSON text that goes after {@code data: }. */
    void emit(byte[] json);

    /** Convenience for a chunk held as a string. */
    default void emit(String json) {
        emit(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
