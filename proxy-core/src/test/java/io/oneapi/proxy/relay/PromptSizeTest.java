package io.oneapi.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PromptSizeTest {
    private static int size(String body) {
        ByteBuf buf = Unpooled.copiedBuffer(body, StandardCharsets.UTF_8);
        try {
            return PromptSize.of(buf);
        } finally {
            buf.release();
        }
    }

    @Test
    void smallBodiesAreTheirLength() {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi;base64,xyz\"}]}";
        assertEquals(body.length(), size(body));
    }

    @Test
    void inlineImagesCountAsAFixedSize() {
        String payload = "A".repeat(200_000);
        String head = "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what is it\"},";
        String image = "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64," + payload + "\"}}";
        String body = head + image + "," + image + "]}]}";
        assertEquals(body.length() - 2 * payload.length() + 2 * PromptSize.IMAGE_BYTES, size(body));
    }

    @Test
    void longTextWithoutImagesIsItsLength() {
        String body = "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"" + "word; ".repeat(10_000) + "\"}]}";
        assertEquals(body.length(), size(body));
    }
}
