package io.oneapi.bench.load;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Scheduler time of a process summed over its threads, from Linux's {@code /proc/<pid>/task/<tid>/schedstat}
 * (first field: nanoseconds on a CPU; second: nanoseconds runnable but waiting for one). The wait is what a busy
 * machine adds to every hop of a request, so the load tools report it beside the latency they measure.
 */
record SchedStat(long runNanos, long waitNanos) {
    static final SchedStat NONE = new SchedStat(0, 0);

    /** This process's threads; {@link #NONE} where there is no /proc (then every difference is zero). */
    static SchedStat self() {
        return of(Path.of("/proc/self/task"));
    }

    /** The threads under a {@code task} directory; threads that end meanwhile are skipped. */
    static SchedStat of(Path taskDir) {
        if (!Files.isDirectory(taskDir)) {
            return NONE;
        }
        long run = 0;
        long wait = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(taskDir)) {
            for (Path task : tasks) {
                long[] fields = parse(read(task.resolve("schedstat")));
                run += fields[0];
                wait += fields[1];
            }
        } catch (IOException e) {
            return NONE;
        }
        return new SchedStat(run, wait);
    }

    /** {@code "run wait slices"} as written by the kernel; zeros for text that is not that. */
    static long[] parse(String line) {
        String[] parts = line.trim().split("\\s+");
        if (parts.length < 2) {
            return new long[] {0, 0};
        }
        try {
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (NumberFormatException e) {
            return new long[] {0, 0};
        }
    }

    SchedStat minus(SchedStat earlier) {
        return new SchedStat(runNanos - earlier.runNanos, waitNanos - earlier.waitNanos);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return ""; // the thread ended between listing and reading
        }
    }
}
