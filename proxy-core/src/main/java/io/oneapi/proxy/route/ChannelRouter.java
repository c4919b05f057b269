package io.oneapi.proxy.route;

import io.oneapi.storage.ChangeSignal;
import io.oneapi.storage.ChannelStore;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the current {@link RoutingTable} and rebuilds it off the event loop whenever channels change
 * (change signal) or the periodic sync asks. Readers never block: they read a volatile snapshot.
 */
public final class ChannelRouter {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelRouter.class);

    private final ChannelStore store;
    private final Executor blocking;
    private final AtomicBoolean rebuildQueued = new AtomicBoolean();
    private volatile RoutingTable table = RoutingTable.empty();

    public ChannelRouter(ChannelStore store, Executor blocking, ChangeSignal signal) {
        this.store = store;
        this.blocking = blocking;
        signal.subscribe(topic -> {
            if (topic == ChangeSignal.Topic.CHANNELS) {
                reloadNow();
            }
        });
    }

    public RoutingTable table() {
        return table;
    }

    /**
     * Rebuilds synchronously on the calling thread (start-up, change signals, which are published by the
     * storage layer after a commit on a blocking thread) so the next request already sees the change.
     */
    public void reloadNow() {
        try {
            table = RoutingTable.build(store.listAll());
        } catch (RuntimeException e) {
            LOG.warn("Could not rebuild the channel routing table; keeping the previous one: {}", e.toString());
        }
    }

    /** Schedules a rebuild on the blocking executor; coalesces bursts. */
    public void reloadLater() {
        if (rebuildQueued.compareAndSet(false, true)) {
            blocking.execute(() -> {
                rebuildQueued.set(false);
                reloadNow();
            });
        }
    }
}
