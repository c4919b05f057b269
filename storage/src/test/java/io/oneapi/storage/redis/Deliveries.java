package io.oneapi.storage.redis;

import io.oneapi.storage.ChangeSignal.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** A change listener that records what it was told and on which thread. */
final class Deliveries implements Consumer<Topic> {
    record Delivery(Topic topic, String thread, long nanos) {
    }

    private final List<Delivery> seen = new ArrayList<>();

    @Override
    public synchronized void accept(Topic topic) {
        seen.add(new Delivery(topic, Thread.currentThread().getName(), System.nanoTime()));
        notifyAll();
    }

    synchronized long count(Topic topic) {
        return seen.stream().filter(d -> d.topic() == topic).count();
    }

    synchronized void clear() {
        seen.clear();
    }

    /** Waits until {@code topic} has been delivered at least {@code times} times; returns the last such delivery. */
    synchronized Delivery await(Topic topic, int times, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (count(topic) < times) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(topic + " delivered " + count(topic) + " times, expected " + times
                        + " within " + timeout + "; seen " + seen);
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return seen.stream().filter(d -> d.topic() == topic).reduce((a, b) -> b).orElseThrow();
    }
}
