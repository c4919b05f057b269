package io.oneapi.bench.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedStatTest {
    @Test
    void sumsRunAndWaitOverThreads(@TempDir Path dir) throws IOException {
        write(dir.resolve("101"), "2500000 700000 31\n");
        write(dir.resolve("102"), "500000 300000 9\n");
        SchedStat stat = SchedStat.of(dir);
        assertEquals(3_000_000, stat.runNanos());
        assertEquals(1_000_000, stat.waitNanos());
    }

    @Test
    void unreadableOrMissingThreadsCountAsZero(@TempDir Path dir) throws IOException {
        write(dir.resolve("101"), "garbage\n");
        Files.createDirectories(dir.resolve("102")); // no schedstat file: the thread ended
        assertEquals(SchedStat.NONE, SchedStat.of(dir));
        assertEquals(SchedStat.NONE, SchedStat.of(dir.resolve("absent")));
    }

    @Test
    void parsesTheKernelLineAndDifferences() {
        assertArrayEquals(new long[] {12, 34}, SchedStat.parse(" 12 34 5\n"));
        assertArrayEquals(new long[] {0, 0}, SchedStat.parse("12"));
        assertEquals(new SchedStat(5, 7), new SchedStat(15, 17).minus(new SchedStat(10, 10)));
    }

    private static void write(Path taskDir, String line) throws IOException {
        Files.createDirectories(taskDir);
        Files.writeString(taskDir.resolve("schedstat"), line);
    }
}
