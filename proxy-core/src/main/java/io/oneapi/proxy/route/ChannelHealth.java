package io.oneapi.proxy.route;

import io.oneapi.spi.ErrorKind;
import io.oneapi.storage.ChannelStore;
import io.oneapi.storage.ProviderChannel;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Automatic disabling of provider channels (inventory section 3.4): at once for failures that mean the
 * key is dead or out of credit when {@code AutomaticDisableChannelEnabled} is on, and, with
 * {@code ENABLE_METRIC}, when the success rate over the last {@code METRIC_QUEUE_SIZE} first attempts falls
 * below the threshold. Disabling writes through the channel store (on the blocking executor), whose change
 * signal rebuilds routing at once.
 */
public final class ChannelHealth {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelHealth.class);

    private final ChannelStore store;
    private final Executor blocking;
    private final BooleanSupplier autoDisableEnabled;
    private final boolean metricEnabled;
    private final int windowSize;
    private final double threshold;
    private final Map<Integer, Deque<Boolean>> windows = new ConcurrentHashMap<>();

    public ChannelHealth(ChannelStore store, Executor blocking, BooleanSupplier autoDisableEnabled,
                         boolean metricEnabled, int windowSize, double threshold) {
        this.store = store;
        this.blocking = blocking;
        this.autoDisableEnabled = autoDisableEnabled;
        this.metricEnabled = metricEnabled;
        this.windowSize = Math.max(1, windowSize);
        this.threshold = threshold;
    }

    public void onSuccess(RoutedChannel channel) {
        if (metricEnabled) {
            record(channel, true);
        }
    }

    public void onFailure(RoutedChannel channel, ErrorKind kind, int status, String message) {
        boolean deadKey = kind == ErrorKind.AUTH_FAILED || kind == ErrorKind.QUOTA_EXHAUSTED;
        if (deadKey && autoDisableEnabled.getAsBoolean()) {
            disable(channel, "upstream said " + status + " (" + kind + "): " + abbreviate(message));
            return;
        }
        if (metricEnabled && record(channel, false)) {
            disable(channel, "success rate below " + threshold + " over the last " + windowSize + " requests");
        }
    }

    /** Records an outcome; true when the window is full and under the threshold (the window then resets). */
    private boolean record(RoutedChannel channel, boolean ok) {
        Deque<Boolean> window = windows.computeIfAbsent(channel.id(), id -> new ArrayDeque<>());
        synchronized (window) {
            window.addLast(ok);
            while (window.size() > windowSize) {
                window.removeFirst();
            }
            if (ok || window.size() < windowSize) {
                return false;
            }
            long successes = window.stream().filter(Boolean::booleanValue).count();
            if ((double) successes / windowSize < threshold) {
                window.clear();
                return true;
            }
            return false;
        }
    }

    private void disable(RoutedChannel channel, String reason) {
        blocking.execute(() -> {
            try {
                store.setStatus(channel.id(), ProviderChannel.STATUS_AUTO_DISABLED);
                LOG.warn("Channel #{} ({}) automatically disabled: {}", channel.id(), channel.row().name(), reason);
            } catch (RuntimeException e) {
                LOG.error("Could not disable channel #{}: {}", channel.id(), e.toString());
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
