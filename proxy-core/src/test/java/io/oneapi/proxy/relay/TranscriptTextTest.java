package io.oneapi.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a transcription is billed on: the words, not the subtitle numbering and timings. */
class TranscriptTextTest {
    private static String transcript(String body, boolean json) {
        ByteBuf buf = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        try {
            return UnaryResponder.transcript(buf, json);
        } finally {
            buf.release();
        }
    }

    @Test
    void subtitlesAreBilledForTheirWordsOnly() {
        String srt = "1\n00:00:00,000 --> 00:00:01,500\nhello world\n\n2\n00:00:01,500 --> 00:00:03,000\nagain\n";
        assertEquals("hello world\nagain", transcript(srt, false));
        String vtt = "WEBVTT\n\n00:00:00.000 --> 00:00:01.500\r\nhello world\r\n";
        assertEquals("hello world", transcript(vtt, false));
    }

    @Test
    void plainTextAndJsonAreAsBefore() {
        assertEquals("a plain 42\ntext", transcript("a plain 42\ntext", false));
        assertEquals("hi there", transcript("{\"text\":\"hi there\"}", true));
    }
}
