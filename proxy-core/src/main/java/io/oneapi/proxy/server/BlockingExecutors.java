package io.oneapi.proxy.server;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The two executors for work that may block, so it never runs on an event loop: {@code blocking} for the
 * request path (bounded: when it is full the request is refused with 503 instead of queueing forever) and
 * {@code settlement} for billing, which never refuses (a reservation was admitted, its settlement must run).
 */
public final class BlockingExecutors implements AutoCloseable {
    private final ThreadPoolExecutor blocking;
    private final ThreadPoolExecutor settlement;

    public BlockingExecutors(int threads, int queueSize) {
        this.blocking = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(queueSize), new DefaultThreadFactory("oneapi-blocking", true));
        this.blocking.allowCoreThreadTimeOut(true);
        this.settlement = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory("oneapi-settle", true));
        this.settlement.allowCoreThreadTimeOut(true);
    }

    public ExecutorService blocking() {
        return blocking;
    }

    public ExecutorService settlement() {
        return settlement;
    }

    /** Lets queued settlements finish (they carry money), then stops. */
    @Override
    public void close() {
        blocking.shutdown();
        settlement.shutdown();
        try {
            settlement.awaitTermination(30, TimeUnit.SECONDS);
            blocking.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
