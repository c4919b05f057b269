package io.oneapi.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The chunk a client that asked for a stream gets from an upstream that never streams. */
class UnaryAsStreamTest {

    private static String chunkOf(String body) {
        return new String(UnaryAsStream.chunkOf(body.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
    }

    @Test
    void aChatCompletionBecomesOneChunkWithDeltasInPlaceOfMessagesAndNoUsage() {
        assertEquals("{\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"deepl-zh\","
                + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"你好\"},"
                + "\"finish_reason\":\"stop\"}]}",
                chunkOf("{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"deepl-zh\","
                        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"你好\"},"
                        + "\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":2,\"total_tokens\":2}}"));
    }

    @Test
    void otherBodiesGoOutAsTheyAre() {
        String completion = "{\"object\":\"text_completion\",\"choices\":[{\"text\":\"hi\"}]}";
        assertEquals(completion, chunkOf(completion));
        assertEquals("not json", chunkOf("not json"));
        assertEquals("[1,2]", chunkOf("[1,2]"));
    }
}
