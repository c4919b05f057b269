package io.oneapi.storage.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.storage.ChangeSignal.Topic;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChangeMessageTest {
    @Test
    void roundTripsEveryTopic() {
        for (Topic topic : Topic.values()) {
            ChangeMessage message = new ChangeMessage("node1", topic);
            assertEquals("node1 " + topic.name(), message.encode());
            assertEquals(Optional.of(message), ChangeMessage.parse(message.encode()));
        }
    }

    @Test
    void ignoresWhatIsNotOurs() {
        for (String text : new String[] {null, "", "TOKENS", " TOKENS", "node1", "node1 tokens", "node1 LOGS",
                "node1 TOKENS extra"}) {
            assertTrue(ChangeMessage.parse(text).isEmpty(), String.valueOf(text));
        }
    }
}
