package io.oneapi.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseSplitterTest {
    private final List<String> events = new ArrayList<>();

    private void feedAll(SseSplitter splitter, String... chunks) {
        for (String chunk : chunks) {
            ByteBuf buf = Unpooled.copiedBuffer(chunk, StandardCharsets.UTF_8);
            int before = buf.readerIndex();
            splitter.feed(buf, (event, data) -> events.add(event + "|" + data.toString(StandardCharsets.UTF_8)));
            assertEquals(before, buf.readerIndex(), "feed must not consume the caller's buffer");
            buf.release();
        }
    }

    @Test
    void splitsEventsAcrossArbitraryChunkBoundaries() {
        String stream = "data: {\"a\":1}\n\nevent: ping\ndata: x\n\n: comment\ndata: [DONE]\n\n";
        for (int cut = 1; cut < stream.length(); cut++) {
            events.clear();
            try (SseSplitter splitter = new SseSplitter(ByteBufAllocator.DEFAULT, false)) {
                feedAll(splitter, stream.substring(0, cut), stream.substring(cut));
                splitter.finish((e, d) -> events.add(e + "|" + d.toString(StandardCharsets.UTF_8)));
            }
            assertEquals(List.of("|{\"a\":1}", "ping|x", "|[DONE]"), events, "cut at " + cut);
        }
    }

    @Test
    void handlesCrlfMultiLineDataAndMissingSpace() {
        try (SseSplitter splitter = new SseSplitter(ByteBufAllocator.DEFAULT, false)) {
            feedAll(splitter, "data:one\r\ndata: two\r\n\r\n");
        }
        assertEquals(List.of("|one\ntwo"), events);
    }

    @Test
    void dispatchesALastEventWithoutTrailingBlankLine() {
        try (SseSplitter splitter = new SseSplitter(ByteBufAllocator.DEFAULT, false)) {
            feedAll(splitter, "data: tail");
            splitter.finish((e, d) -> events.add(e + "|" + d.toString(StandardCharsets.UTF_8)));
        }
        assertEquals(List.of("|tail"), events);
    }

    @Test
    void eventsWithoutDataAreNotDispatched() {
        try (SseSplitter splitter = new SseSplitter(ByteBufAllocator.DEFAULT, false)) {
            feedAll(splitter, "event: ping\n\n: keep-alive\n\n");
        }
        assertEquals(List.of(), events);
    }

    @Test
    void ndjsonYieldsOneRecordPerLine() {
        try (SseSplitter splitter = new SseSplitter(ByteBufAllocator.DEFAULT, true)) {
            feedAll(splitter, "{\"a\":1}\n{\"b\"", ":2}\n\n{\"c\":3}");
            splitter.finish((e, d) -> events.add(e + "|" + d.toString(StandardCharsets.UTF_8)));
        }
        assertEquals(List.of("|{\"a\":1}", "|{\"b\":2}", "|{\"c\":3}"), events);
    }

    @Test
    void refusesUnboundedLines() {
        try (SseSplitter splitter = new SseSplitter(ByteBufAllocator.DEFAULT, false)) {
            ByteBuf big = Unpooled.buffer(17 * 1024 * 1024).writeZero(17 * 1024 * 1024);
            try {
                assertThrows(IllegalStateException.class, () -> splitter.feed(big, (e, d) -> { }));
            } finally {
                big.release();
            }
        }
    }
}
