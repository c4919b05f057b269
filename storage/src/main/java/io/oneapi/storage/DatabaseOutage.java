package io.oneapi.storage;

import java.io.EOFException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the database is believed unreachable. Callers that can carry on without it (the relay's caches and
 * quota holds) {@link #report} the failures they see; the first connection failure starts an outage, logged once.
 * During an outage those callers skip the database instead of each waiting for the pool's connection timeout, and
 * one background thread probes with {@code SELECT 1} until it answers; then the outage ends (logged once) and the
 * {@link #onRecovery} actions run on that thread.
 */
public final class DatabaseOutage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseOutage.class);

    private final Database db;
    private final Duration probeInterval;
    private final ScheduledExecutorService prober;
    private final List<Runnable> recoveryActions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean down = new AtomicBoolean();
    private volatile long downSinceNanos;
    private volatile long outages;

    public DatabaseOutage(Database db, Duration probeInterval) {
        this.db = db;
        this.probeInterval = probeInterval;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "oneapi-db-probe");
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.prober = executor;
    }

    /** True from the first reported connection failure until a probe reaches the database again. */
    public boolean suspected() {
        return down.get();
    }

    /** How long the current outage has lasted; zero when there is none. */
    public Duration elapsed() {
        return down.get() ? Duration.ofNanos(System.nanoTime() - downSinceNanos) : Duration.ZERO;
    }

    /** Counts outages: callers that keep per-outage state compare it to notice that a new outage began. */
    public long outageNumber() {
        return outages;
    }

    /** Runs {@code action} on the probe thread each time an outage ends (e.g. wake the billing writer). */
    public void onRecovery(Runnable action) {
        recoveryActions.add(action);
    }

    /**
     * Reports a failed database call.
     *
     * @return true when {@code failure} means the database is unreachable (an outage is now, or was already, on)
     */
    public boolean report(Throwable failure) {
        if (!isConnectionFailure(failure)) {
            return false;
        }
        if (down.get()) {
            return true;
        }
        synchronized (this) {
            if (!down.get()) {
                downSinceNanos = System.nanoTime();
                outages++;
                down.set(true); // last: whoever sees the flag also sees the start time and number
                log.warn("database unreachable ({}): serving from memory and queueing billing until it answers "
                        + "again", SqlErrors.rootMessage(failure));
                scheduleProbe();
            }
        }
        return true;
    }

    /** Driver, pool and socket failures that mean "no connection", as opposed to a statement the database refused. */
    public static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException || t instanceof ConnectException
                    || t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof EOFException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    private void scheduleProbe() {
        try {
            prober.schedule(this::probe, probeInterval.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RuntimeException closed) {
            // shutting down: nothing left to recover
        }
    }

    private void probe() {
        try {
            db.queryLong("SELECT 1");
        } catch (RuntimeException e) {
            scheduleProbe();
            return;
        }
        long seconds = Duration.ofNanos(System.nanoTime() - downSinceNanos).toSeconds();
        down.set(false);
        log.info("database reachable again after {} s", seconds);
        for (Runnable action : recoveryActions) {
            try {
                action.run();
            } catch (RuntimeException e) {
                log.warn("action after the database came back failed: {}", e.toString());
            }
        }
    }

    @Override
    public void close() {
        prober.shutdownNow();
    }
}
