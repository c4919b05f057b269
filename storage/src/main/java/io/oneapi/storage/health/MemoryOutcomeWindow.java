package io.oneapi.storage.health;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/** {@link OutcomeWindow} in this node's memory: what each node uses without Redis, and while Redis is away. */
public final class MemoryOutcomeWindow implements OutcomeWindow {
    private final int capacity;
    private final double threshold;
    private final Map<Integer, Deque<Boolean>> windows = new ConcurrentHashMap<>();

    public MemoryOutcomeWindow(int capacity, double threshold) {
        this.capacity = Math.max(1, capacity);
        this.threshold = threshold;
    }

    @Override
    public CompletableFuture<Tally> record(int channelId, boolean success) {
        return CompletableFuture.completedFuture(add(channelId, success));
    }

    /** {@link #record} without the future. */
    public Tally add(int channelId, boolean success) {
        Deque<Boolean> window = windows.computeIfAbsent(channelId, id -> new ArrayDeque<>());
        synchronized (window) {
            window.addLast(success);
            while (window.size() > capacity) {
                window.removeFirst();
            }
            int successes = (int) window.stream().filter(Boolean::booleanValue).count();
            if (!success && window.size() == capacity && OutcomeWindow.underThreshold(successes, capacity, threshold)) {
                window.clear();
                return new Tally(0, successes, true);
            }
            return new Tally(window.size(), successes, false);
        }
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public String describe() {
        return "this node's memory";
    }
}
