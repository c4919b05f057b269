package io.oneapi.storage;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ChangeSignal} within one JVM: listeners run on the publishing thread, in subscription order. A failing
 * listener is logged and the others still run; publishing never throws, so a committed write is never reported
 * as failed because a cache could not reload.
 */
public final class InProcessChangeSignal implements ChangeSignal {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessChangeSignal.class);

    private final List<Consumer<Topic>> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(Topic topic) {
        Objects.requireNonNull(topic, "topic");
        for (Consumer<Topic> listener : listeners) {
            try {
                listener.accept(topic);
            } catch (RuntimeException e) {
                LOG.warn("change listener {} failed on {}", listener, topic, e);
            }
        }
    }

    @Override
    public void subscribe(Consumer<Topic> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }
}
