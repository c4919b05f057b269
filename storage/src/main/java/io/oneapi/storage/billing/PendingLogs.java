package io.oneapi.storage.billing;

import io.oneapi.storage.LogEntry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** Consume logs waiting for the writer thread, oldest first, bounded by a memory cap. */
final class PendingLogs {
    private final ArrayDeque<LogEntry> queue = new ArrayDeque<>();
    private final int capacity;

    PendingLogs(int capacity) {
        this.capacity = capacity;
    }

    /** False when the cap is reached (the caller reports the loss). */
    synchronized boolean offer(LogEntry entry) {
        if (queue.size() >= capacity) {
            return false;
        }
        queue.addLast(entry);
        return true;
    }

    synchronized List<LogEntry> take(int max) {
        List<LogEntry> batch = new ArrayList<>(Math.min(max, queue.size()));
        while (batch.size() < max && !queue.isEmpty()) {
            batch.add(queue.pollFirst());
        }
        return batch;
    }

    /** Returns a batch that failed to insert to the front, keeping the original order. */
    synchronized void putBack(List<LogEntry> batch) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            queue.addFirst(batch.get(i));
        }
    }

    synchronized int size() {
        return queue.size();
    }
}
