package io.oneapi.plugin.assorted.testing;

import io.oneapi.spi.SseEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a recorded upstream stream into the events the core hands an exchange: SSE events (named by
 * {@code event:}, data lines joined, {@code [DONE]} kept back as the core does) or NDJSON lines. A text
 * cut in the middle of an event loses that event, as when the upstream connection breaks.
 */
final class UpstreamEvents {
    private UpstreamEvents() {
    }

    static List<SseEvent> split(String text, String framing) {
        List<SseEvent> events = new ArrayList<>();
        String normalized = text.replace("\r\n", "\n");
        if (framing.equals("ndjson")) {
            String[] lines = normalized.split("\n", -1);
            // The last piece is complete only when the text ended with a newline (then it is empty).
            for (int i = 0; i < lines.length - 1; i++) {
                if (!lines[i].isBlank()) {
                    events.add(SseEvent.of("", lines[i]));
                }
            }
            return events;
        }
        String[] blocks = normalized.split("\n\n", -1);
        for (int i = 0; i < blocks.length - 1; i++) {
            SseEvent event = sse(blocks[i]);
            if (event != null && !event.dataAsString().equals("[DONE]")) {
                events.add(event);
            }
        }
        return events;
    }

    private static SseEvent sse(String block) {
        String name = "";
        StringBuilder data = null;
        for (String line : block.split("\n")) {
            if (line.startsWith("event:")) {
                name = line.substring(6).trim();
            } else if (line.startsWith("data:")) {
                String value = line.substring(5);
                value = value.startsWith(" ") ? value.substring(1) : value;
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            }
        }
        return data == null ? null : SseEvent.of(name, data.toString());
    }
}
