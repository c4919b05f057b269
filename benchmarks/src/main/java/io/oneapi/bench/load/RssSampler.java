package io.oneapi.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/** Samples another process's resident set ({@code VmRSS} in /proc/<pid>/status) every 50 ms, keeping the largest. */
final class RssSampler {
    private final Path status;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long maxKb;

    private RssSampler(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
        this.thread = new Thread(this::run, "rss-sampler");
        this.thread.setDaemon(true);
    }

    static RssSampler start(long pid) {
        RssSampler sampler = new RssSampler(pid);
        sampler.thread.start();
        return sampler;
    }

    /** Stops sampling; returns the largest VmRSS seen, in kB (0 when the process could not be read). */
    long stop() throws InterruptedException {
        running = false;
        thread.join();
        return maxKb;
    }

    private void run() {
        while (running) {
            maxKb = Math.max(maxKb, read(status));
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
    }

    static long read(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.substring(6).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }
}
