package io.oneapi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.oneapi.storage.ChangeSignal.Topic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class InProcessChangeSignalTest {
    @Test
    void everyListenerRunsInOrderEvenWhenOneFails() {
        InProcessChangeSignal signal = new InProcessChangeSignal();
        List<String> calls = new ArrayList<>();
        signal.subscribe(t -> calls.add("first " + t));
        signal.subscribe(t -> {
            throw new IllegalStateException("cache reload failed");
        });
        signal.subscribe(t -> calls.add("third " + t));

        signal.publish(Topic.CHANNELS);
        signal.publish(Topic.OPTIONS);

        assertEquals(List.of("first CHANNELS", "third CHANNELS", "first OPTIONS", "third OPTIONS"), calls);
    }

    @Test
    void listenersMaySubscribeWhilePublishing() {
        InProcessChangeSignal signal = new InProcessChangeSignal();
        List<Topic> late = new ArrayList<>();
        signal.subscribe(t -> signal.subscribe(late::add));
        signal.publish(Topic.USERS);
        signal.publish(Topic.TOKENS);
        assertEquals(List.of(Topic.TOKENS), late);
    }

    @Test
    void nullsAreRefused() {
        InProcessChangeSignal signal = new InProcessChangeSignal();
        assertThrows(NullPointerException.class, () -> signal.subscribe(null));
        assertThrows(NullPointerException.class, () -> signal.publish(null));
    }
}
