package io.oneapi.launcher;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The tarball `mvn package` built (paths handed over by Failsafe), unpacked with the system's tar. */
final class Tarball {

    private Tarball() {
    }

    static String version() {
        return System.getProperty("oneapi.version");
    }

    /** Unpacks into {@code dir} and returns the {@code one-api-<version>} folder. */
    static Path unpack(Path dir) throws IOException, InterruptedException {
        Path tarball = Path.of(System.getProperty("oneapi.dist.tarball"));
        assertTrue(Files.isRegularFile(tarball), "run `mvn verify`: the tarball must exist: " + tarball);
        Process tar = new ProcessBuilder("tar", "-xzf", tarball.toString(), "-C", dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes());
        assertTrue(tar.waitFor(60, TimeUnit.SECONDS) && tar.exitValue() == 0, "tar failed: " + output);
        return dir.resolve(System.getProperty("oneapi.dist.name"));
    }
}
