package io.oneapi.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.oneapi.spi.Usage;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OpenAiUsageReaderTest {
    private static void read(OpenAiUsageReader reader, String json) {
        ByteBuf buf = Unpooled.copiedBuffer(json, StandardCharsets.UTF_8);
        reader.read(buf);
        buf.release();
    }

    @Test
    void collectsStreamedTextToolArgumentsAndFinalUsage() {
        OpenAiUsageReader reader = new OpenAiUsageReader();
        read(reader, "{\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}],\"usage\":null}");
        read(reader, "{\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}");
        read(reader, "{\"choices\":[{\"delta\":{\"tool_calls\":[{\"function\":{\"name\":\"f\",\"arguments\":\"{}\"}}]}}]}");
        read(reader, "{\"choices\":[],\"usage\":{\"prompt_tokens\":7,\"completion_tokens\":3,\"total_tokens\":10}}");
        read(reader, "[DONE]");
        assertEquals("Hellof{}", reader.generatedText());
        assertEquals(new Usage(7, 3, 10), reader.usage());
        assertTrue(reader.doneSeen());
    }

    @Test
    void readsUnaryBodiesAndErrors() {
        OpenAiUsageReader reader = new OpenAiUsageReader();
        read(reader, "{\"id\":\"x\",\"choices\":[{\"message\":{\"content\":\"ok\"},\"text\":\"t\"}],"
                + "\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1}}");
        assertEquals(new Usage(2, 1, 3), reader.usage());
        OpenAiUsageReader error = new OpenAiUsageReader();
        read(error, "{\"error\":{\"message\":\"bad\",\"type\":\"x\"}}");
        assertTrue(error.errorSeen());
        assertNull(error.usage());
    }

    /** Unary bodies are read for usage and errors only; the text is read again only when there are no counts. */
    @Test
    void aReaderWithoutTextStillFindsUsageAndErrors() {
        String body = "{\"choices\":[{\"message\":{\"content\":\"ok\",\"tool_calls\":[{\"function\":"
                + "{\"name\":\"f\",\"arguments\":\"{}\"}}]}}],\"usage\":{\"prompt_tokens\":2,\"completion_tokens\":1}}";
        OpenAiUsageReader usageOnly = OpenAiUsageReader.withoutText();
        read(usageOnly, body);
        assertEquals(new Usage(2, 1, 3), usageOnly.usage());
        assertTrue(usageOnly.hasTokenCounts());
        assertEquals("", usageOnly.generatedText());
        OpenAiUsageReader withText = new OpenAiUsageReader();
        read(withText, body);
        assertEquals("okf{}", withText.generatedText());

        OpenAiUsageReader totalOnly = OpenAiUsageReader.withoutText();
        read(totalOnly, "{\"choices\":[],\"usage\":{\"total_tokens\":9}}");
        assertEquals(false, totalOnly.hasTokenCounts(), "a total alone needs the text counted");
        OpenAiUsageReader error = OpenAiUsageReader.withoutText();
        read(error, "{\"error\":\"boom\"}");
        assertTrue(error.errorSeen());
    }

    @Test
    void knowsAnEventWithEmptyChoicesAndNoUsage() {
        OpenAiUsageReader reader = new OpenAiUsageReader();
        read(reader, "{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
                + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}]}");
        assertTrue(reader.lastWasEmpty(), "Azure's preamble");
        read(reader, "{\"choices\":[{\"delta\":{\"content\":\"x\"}}]}");
        assertFalse(reader.lastWasEmpty());
        read(reader, "{\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1}}");
        assertFalse(reader.lastWasEmpty(), "the final usage chunk");
        read(reader, "{\"error\":{\"message\":\"x\"}}");
        assertFalse(reader.lastWasEmpty());
        read(reader, "[DONE]");
        assertFalse(reader.lastWasEmpty());
    }

    @Test
    void ignoresGarbage() {
        OpenAiUsageReader reader = new OpenAiUsageReader();
        read(reader, "not json at all");
        read(reader, "{\"usage\":{\"prompt_tokens\":\"x\"}}");
        assertNull(reader.usage());
        assertEquals("", reader.generatedText());
    }
}
