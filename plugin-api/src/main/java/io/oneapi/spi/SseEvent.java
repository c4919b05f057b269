package io.oneapi.spi;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One decoded upstream event: the SSE {@code event:} name (empty when absent) and its {@code data:}
 * payload. For NDJSON or binary framed streams the core fills {@code data} with one record.
 */
public record SseEvent(String event, byte[] data) {
    public SseEvent {
        event = event == null ? "" : event;
        Objects.requireNonNull(data, "data");
    }

    public String dataAsString() {
        return new String(data, StandardCharsets.UTF_8);
    }

    public static SseEvent of(String event, String data) {
        return new SseEvent(event, data.getBytes(StandardCharsets.UTF_8));
    }
}
