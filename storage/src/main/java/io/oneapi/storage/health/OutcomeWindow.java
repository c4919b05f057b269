package io.oneapi.storage.health;

import java.util.concurrent.CompletableFuture;

/**
 * The last {@link #capacity()} outcomes of each provider channel, for metric-based channel disabling
 * ({@code ENABLE_METRIC}, {@code METRIC_QUEUE_SIZE}, {@code METRIC_SUCCESS_RATE_THRESHOLD}). A failure that leaves
 * the window full with a success rate under {@link #threshold()} trips it: the window is emptied in the same step,
 * so one run of failures trips once however many nodes record into a shared window.
 *
 * <p>Implementations never block the caller (an event loop) and never fail the returned future: a window that
 * cannot reach its shared store records locally instead.
 */
public interface OutcomeWindow {

    /**
     * What one recorded outcome left behind.
     *
     * @param size outcomes in the window after this one (at most the capacity; 0 after a trip)
     * @param successes successes among them before a trip emptied the window
     * @param tripped this outcome was a failure that left the window full and under the threshold
     */
    record Tally(int size, int successes, boolean tripped) {
    }

    /** Records one outcome of {@code channelId}. */
    CompletableFuture<Tally> record(int channelId, boolean success);

    /** How many outcomes the window keeps per channel ({@code METRIC_QUEUE_SIZE}). */
    int capacity();

    /** The success rate under which a full window trips ({@code METRIC_SUCCESS_RATE_THRESHOLD}). */
    double threshold();

    /** Where the windows live, for log lines. */
    String describe();

    /** Whether {@code successes} out of a full window are under the threshold. */
    static boolean underThreshold(int successes, int capacity, double threshold) {
        return (double) successes / capacity < threshold;
    }
}
