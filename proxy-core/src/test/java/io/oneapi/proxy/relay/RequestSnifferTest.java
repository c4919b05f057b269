package io.oneapi.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.oneapi.spi.RelayMode;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestSnifferTest {
    private static RequestFacts sniff(String contentType, String body) {
        ByteBuf buf = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        try {
            return RequestSniffer.sniff(contentType, buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void readsTopLevelFieldsOnly() {
        RequestFacts facts = sniff("application/json", "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\","
                + "\"model\":\"nested\"}],\"model\":\"gpt-4o\",\"stream\":true,\"max_tokens\":100,\"x\":{\"model\":1}}");
        assertEquals("gpt-4o", facts.model());
        assertTrue(facts.stream());
        assertEquals(100, facts.maxTokens());
        assertTrue(facts.validJson());
        assertTrue(facts.hasMessages());
    }

    @Test
    void aStreamFlagThatIsNotABooleanIsFlagged() {
        assertFalse(sniff("application/json", "{\"model\":\"m\",\"stream\":\"true\"}").streamIsBoolean());
        assertFalse(sniff("application/json", "{\"model\":\"m\",\"stream\":1}").streamIsBoolean());
        RequestFacts nested = sniff("application/json", "{\"stream\":{\"model\":\"x\"},\"model\":\"m\"}");
        assertFalse(nested.streamIsBoolean());
        assertEquals("m", nested.model(), "an object value is skipped whole");
        assertTrue(sniff("application/json", "{\"model\":\"m\",\"stream\":null}").streamIsBoolean());
        assertTrue(sniff("application/json", "{\"model\":\"m\",\"stream\":false}").streamIsBoolean());
    }

    @Test
    void flagsInvalidJsonAndTrailingGarbage() {
        assertFalse(sniff("application/json", "{\"model\":\"a\"").validJson());
        assertFalse(sniff("application/json", "{\"model\":\"a\"} extra").validJson());
        assertFalse(sniff("application/json", "[1,2]").validJson());
        assertFalse(sniff("application/json", "").validJson());
    }

    @Test
    void emptyMessagesArrayIsNotMessages() {
        assertFalse(sniff("application/json", "{\"model\":\"a\",\"messages\":[]}").hasMessages());
    }

    @Test
    void badMaxTokensIsFlagged() {
        assertEquals(-1, sniff("application/json", "{\"model\":\"a\",\"max_tokens\":\"x\"}").maxTokens());
        assertEquals(-1, sniff("application/json", "{\"model\":\"a\",\"max_tokens\":99999999999}").maxTokens());
        RequestFacts facts = sniff("application/json", "{\"model\":\"a\",\"prompt\":\"p\",\"max_tokens\":-5}");
        assertNotNull(RequestValidation.check(RelayMode.COMPLETIONS, facts, false));
    }

    @Test
    void readsModelFromMultipartForm() {
        String boundary = "XyZ";
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.mp3\"\r\n"
                + "Content-Type: audio/mpeg\r\n\r\nBINARY\r\n--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n"
                + "whisper-large\r\n--XyZ--\r\n";
        RequestFacts facts = sniff("multipart/form-data; boundary=" + boundary, body);
        assertEquals("whisper-large", facts.model());
    }

    @Test
    void validationAppliesDefaultsAndRequiredFields() {
        RequestFacts noModel = sniff("application/json", "{\"input\":\"x\"}");
        assertEquals("text-moderation-stable",
                RequestValidation.withDefaults(RelayMode.MODERATIONS, noModel, "").model());
        assertEquals("text-embedding-3-small",
                RequestValidation.withDefaults(RelayMode.EMBEDDINGS, noModel, "text-embedding-3-small").model());
        assertEquals("model is required", RequestValidation.check(RelayMode.CHAT_COMPLETIONS,
                sniff("application/json", "{\"messages\":[{}]}"), false).message());
        assertEquals("field messages is required", RequestValidation.check(RelayMode.CHAT_COMPLETIONS,
                sniff("application/json", "{\"model\":\"m\"}"), false).message());
        assertNull(RequestValidation.check(RelayMode.CHAT_COMPLETIONS,
                sniff("application/json", "{\"model\":\"m\",\"messages\":[{\"role\":\"user\"}]}"), false));
        assertEquals(400, RequestValidation.check(RelayMode.CHAT_COMPLETIONS,
                sniff("application/json", "not json"), false).status());
    }
}
