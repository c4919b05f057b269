package io.oneapi.proxy.route;

import io.oneapi.storage.ChangeSignal;
import io.oneapi.storage.ChannelStore;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
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
    /**
     * Rebuilds run concurrently (signals on the publishing thread, the poll on the blocking executor). Each draws
     * a ticket before it reads, and a table is installed only over an older ticket's: otherwise a rebuild that
     * read before a channel was disabled could finish last and route to it again until the next poll.
     */
    private final AtomicLong ticketsDrawn = new AtomicLong();
    private long installedTicket; // guarded by this
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
        long ticket = ticketsDrawn.incrementAndGet();
        try {
            RoutingTable built = RoutingTable.build(store.listAll());
            synchronized (this) {
                if (ticket > installedTicket) {
                    installedTicket = ticket;
                    table = built;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not rebuild the channel routing table; keeping the previous one: {}", e.toString());
        }
    }

    /** Schedules a rebuild on the blocking executor; coalesces bursts. */
    public void reloadLater() {
        if (rebuildQueued.compareAndSet(false, true)) {
            try {
                blocking.execute(() -> {
                    rebuildQueued.set(false);
                    reloadNow();
                });
            } catch (java.util.concurrent.RejectedExecutionException e) {
                rebuildQueued.set(false); // overloaded: the next signal or poll asks again
                LOG.warn("Could not schedule a routing table rebuild: the blocking pool is full");
            }
        }
    }
}
