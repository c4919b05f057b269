package io.oneapi.plugin.china.testing;

import io.oneapi.spi.SseEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits recorded upstream stream text the way the core's splitter does: SSE events ({@code data:} lines
 * joined with a line feed, one leading space dropped, {@code event:} naming the event, other fields ignored,
 * {@code [DONE]} kept back) or, for line framing, one event per non-empty line. Text cut inside an event or
 * line loses it, as when the connection breaks there.
 */
public final class StreamText {
    private StreamText() {
    }

    public static List<SseEvent> events(String text, boolean lines) {
        List<SseEvent> events = new ArrayList<>();
        String[] parts = text.replace("\r\n", "\n").split("\n", -1);
        String name = "";
        StringBuilder data = null;
        // The last piece is incomplete unless the text ended with a line feed (then it is empty).
        for (int i = 0; i < parts.length - 1; i++) {
            String line = parts[i];
            if (lines) {
                if (!line.isEmpty()) {
                    events.add(SseEvent.of("", line));
                }
            } else if (line.isEmpty()) {
                if (data != null && !(name.isEmpty() && data.toString().equals("[DONE]"))) {
                    events.add(SseEvent.of(name, data.toString()));
                }
                name = "";
                data = null;
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            } else if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            }
        }
        return events;
    }
}
