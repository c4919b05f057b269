package io.oneapi.storage.options;

import io.oneapi.storage.ChangeSignal;
import io.oneapi.storage.OptionStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current {@link Options} of this JVM, kept in a volatile field and swapped whole. {@link #update} validates,
 * writes through the {@link OptionStore}, swaps the snapshot and publishes {@link ChangeSignal.Topic#OPTIONS};
 * an OPTIONS signal from elsewhere (another node, an admin on another server in this JVM) reloads from the store.
 * Blocking JDBC: call {@link #update} and {@link #reload} off event loops; {@link #current()} is free.
 */
public final class LiveOptions {
    private static final Logger log = LoggerFactory.getLogger(LiveOptions.class);

    private final OptionStore store;
    private final ChangeSignal signal;
    private final Map<String, String> defaults;
    private final Object writeLock = new Object();
    private volatile Options current;
    /** The rows the current snapshot was built from by {@link #reload}; null after an {@link #update}. */
    private Map<String, String> lastStored;
    /**
     * Every reload and update draws a ticket (under the lock) before it reads or writes the store, and a snapshot
     * is installed only over an older ticket's: a reload whose read predates a later reload's, or an update, is
     * dropped instead of undoing them. A reload drawn after a commit reads that commit, so the newest ticket
     * always reflects every change signalled so far.
     */
    private long ticketsDrawn;
    private long installedTicket;

    private LiveOptions(OptionStore store, ChangeSignal signal, Map<String, String> defaults) {
        this.store = store;
        this.signal = signal;
        this.defaults = defaults;
    }

    /**
     * Loads defaults and stored rows, and starts listening for OPTIONS signals.
     *
     * @param reloadExecutor where a signalled reload runs: signal listeners must be quick and may run on a Redis
     *        client thread, so the database read is handed off (a direct executor is fine in tests)
     * @param startupDefaults defaults that come from start-up configuration, e.g. {@code Theme} from {@code THEME}
     */
    public static LiveOptions load(OptionStore store, ChangeSignal signal, Executor reloadExecutor,
                                   Map<String, String> startupDefaults) {
        LiveOptions options = new LiveOptions(store, signal, OptionValues.defaults(startupDefaults));
        options.reload();
        signal.subscribe(topic -> {
            if (topic == ChangeSignal.Topic.OPTIONS) {
                reloadExecutor.execute(options::reloadQuietly);
            }
        });
        return options;
    }

    /** The snapshot to use for the whole of one request. */
    public Options current() {
        return current;
    }

    /**
     * Validates {@code value} for {@code key} and only then stores it, applies it in this JVM and signals other
     * nodes. Invalid values are never stored.
     *
     * @throws InvalidOptionException with an English message naming the key and what was expected
     */
    public void update(String key, String value) {
        OptionKey known = OptionKey.fromKey(key)
                .orElseThrow(() -> new InvalidOptionException("unknown option key: " + key));
        known.check(value);
        synchronized (writeLock) {
            OptionRules.check(known, value, current);
            store.put(key, value);
            Map<String, String> values = new LinkedHashMap<>(current.allValues());
            values.put(key, value);
            current = Options.build(OptionValues.merge(defaults, values));
            lastStored = null;
            installedTicket = ++ticketsDrawn;
        }
        log.info("option {} updated", key);
        signal.publish(ChangeSignal.Topic.OPTIONS);
    }

    /**
     * Re-reads every stored row (on a signal, or from the {@code SYNC_FREQUENCY} poll). The read runs outside the
     * lock, so reloads may overlap each other and updates; the ticket drawn before the read decides which result
     * stands (see {@link #ticketsDrawn}).
     */
    public void reload() {
        long ticket;
        synchronized (writeLock) {
            ticket = ++ticketsDrawn;
        }
        Map<String, String> stored = store.loadAll();
        synchronized (writeLock) {
            if (ticket < installedTicket) {
                return; // a later reload or an update already installed something at least as new
            }
            installedTicket = ticket;
            if (stored.equals(lastStored)) {
                return; // nothing changed: parsing the ratio tables again every poll showed up in load profiles
            }
            current = Options.build(OptionValues.merge(defaults, stored));
            lastStored = stored;
        }
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            // Keep serving the previous snapshot; the next signal or poll tries again.
            log.error("reloading options failed: {}", e.toString());
        }
    }
}
