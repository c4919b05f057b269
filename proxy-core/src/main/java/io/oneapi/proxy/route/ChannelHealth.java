package io.oneapi.proxy.route;

import io.oneapi.spi.ErrorKind;
import io.oneapi.storage.ChannelStore;
import io.oneapi.storage.ProviderChannel;
import io.oneapi.storage.health.MemoryOutcomeWindow;
import io.oneapi.storage.health.OutcomeWindow;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic disabling of provider channels (inventory section 3.4): at once for failures that mean the
 * key is dead or out of credit when {@code AutomaticDisableChannelEnabled} is on, and, with
 * {@code ENABLE_METRIC}, when the success rate over the last {@code METRIC_QUEUE_SIZE} first attempts falls
 * below the threshold. The outcomes go to an {@link OutcomeWindow}: this node's memory, or with Redis one window
 * per channel shared by every node, so failures seen on different nodes add up. Disabling writes through the
 * channel store (on the blocking executor), whose change signal rebuilds routing at once; the request (or node)
 * whose write disabled the channel tells the operator through {@link ChannelAlerts}.
 *
 * <p>Safe to call on an event loop: the windows answer asynchronously and the database write runs on the
 * blocking executor.
 */
public final class ChannelHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelHealth.class);

    private final ChannelStore store;
    private final Executor blocking;
    private final BooleanSupplier autoDisableEnabled;
    private final OutcomeWindow window;
    private final ChannelAlerts alerts;

    /** With {@code metricEnabled}, a window in this node's memory. */
    public ChannelHealth(ChannelStore store, Executor blocking, BooleanSupplier autoDisableEnabled,
                         boolean metricEnabled, int windowSize, double threshold) {
        this(store, blocking, autoDisableEnabled, metricEnabled ? new MemoryOutcomeWindow(windowSize, threshold) : null);
    }

    /** @param window where outcomes are counted, or null when {@code ENABLE_METRIC} is off */
    public ChannelHealth(ChannelStore store, Executor blocking, BooleanSupplier autoDisableEnabled,
                         OutcomeWindow window) {
        this(store, blocking, autoDisableEnabled, window, ChannelAlerts.NONE);
    }

    /** As above, telling the operator about each disable through {@code alerts}. */
    public ChannelHealth(ChannelStore store, Executor blocking, BooleanSupplier autoDisableEnabled,
                         OutcomeWindow window, ChannelAlerts alerts) {
        this.store = store;
        this.blocking = blocking;
        this.autoDisableEnabled = autoDisableEnabled;
        this.window = window;
        this.alerts = alerts;
    }

    public void onSuccess(RoutedChannel channel) {
        if (window != null) {
            window.record(channel.id(), true);
        }
    }

    public void onFailure(RoutedChannel channel, ErrorKind kind, int status, String message) {
        boolean deadKey = kind == ErrorKind.AUTH_FAILED || kind == ErrorKind.QUOTA_EXHAUSTED;
        if (deadKey && autoDisableEnabled.getAsBoolean()) {
            disable(channel, "upstream said " + status + " (" + kind + "): " + abbreviate(message));
            return;
        }
        if (window != null) {
            window.record(channel.id(), false).thenAccept(tally -> {
                if (tally.tripped()) {
                    disable(channel, tally.successes() + " of the last " + window.capacity()
                            + " requests succeeded, below " + window.threshold() + " (" + window.describe() + ")");
                }
            });
        }
    }

    private void disable(RoutedChannel channel, String reason) {
        try {
            disableLater(channel, reason);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Overloaded: the request that found the fault still finishes; the next failure tries again.
            LOG.warn("Could not schedule disabling channel #{}: the blocking pool is full", channel.id());
        }
    }

    private void disableLater(RoutedChannel channel, String reason) {
        blocking.execute(() -> {
            try {
                if (!store.disableIfEnabled(channel.id(), ProviderChannel.STATUS_AUTO_DISABLED)) {
                    return; // another request or node disabled it first (and told), or an admin changed it
                }
                LOG.warn("Channel #{} ({}) automatically disabled: {}", channel.id(), channel.row().name(), reason);
            } catch (RuntimeException e) {
                LOG.error("Could not disable channel #{}: {}", channel.id(), e.toString());
                return;
            }
            try {
                alerts.disabled(channel.id(), channel.row().name(), reason);
            } catch (RuntimeException e) {
                LOG.warn("Could not tell the operator that channel #{} was disabled: {}", channel.id(), e.toString());
            }
        });
    }

    private static String abbreviate(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
