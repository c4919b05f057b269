package io.oneapi.storage;

import java.util.function.Consumer;

/**
 * Tells every cache that something changed, so it reloads at once instead of at the next poll:
 * in-process within one JVM, through Redis pub/sub across nodes when Redis is configured.
 */
public interface ChangeSignal {
    /** What changed. Listeners reload the matching cache. */
    enum Topic { TOKENS, USERS, CHANNELS, OPTIONS }

    /** Announces a change; listeners in this JVM run before it returns. */
    void publish(Topic topic);

    /**
     * Registers a listener. It runs on the publishing thread for changes made in this JVM and, with Redis, on the
     * signal's own thread for changes made on other nodes; it must be quick either way.
     */
    void subscribe(Consumer<Topic> listener);
}
