package io.oneapi.storage.redis;

import io.oneapi.storage.ChangeSignal.Topic;
import java.util.Optional;

/**
 * What one node tells the others on the Redis channel: {@code "<node id> <TOPIC>"}, plain text so it can be read
 * with {@code redis-cli SUBSCRIBE}. The node id lets a node skip its own messages (its listeners already ran).
 */
record ChangeMessage(String nodeId, Topic topic) {

    String encode() {
        return nodeId + " " + topic.name();
    }

    /** Empty for anything else on the channel (another version's format, a hand-typed PUBLISH). */
    static Optional<ChangeMessage> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int space = text.indexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        String topic = text.substring(space + 1).strip();
        for (Topic candidate : Topic.values()) {
            if (candidate.name().equals(topic)) {
                return Optional.of(new ChangeMessage(text.substring(0, space), candidate));
            }
        }
        return Optional.empty();
    }
}
