package io.oneapi.launcher;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code bin/one-api} of an unpacked tarball, run as a child process with a clean environment. */
final class GatewayProcess implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private GatewayProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code home/bin/one-api args} in {@code workDir} with only PATH, HOME, JAVA_HOME (the JDK running the
     * tests) and {@code env}; output goes to files in {@code outputDir}.
     */
    static GatewayProcess start(Path home, Path workDir, Path outputDir, Map<String, String> env, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(home.resolve("bin/one-api").toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        builder.environment().put("HOME", outputDir.toString());
        builder.environment().put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
        builder.environment().putAll(env);
        Files.createDirectories(outputDir);
        Path out = Files.createTempFile(outputDir, "stdout", ".log");
        Path err = Files.createTempFile(outputDir, "stderr", ".log");
        builder.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new GatewayProcess(builder.start(), out, err);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Polls {@code url} until it answers 200; fails early when the process dies. Returns the body. */
    String awaitOk(String url) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("gateway exited with " + process.exitValue() + " before " + url
                        + " answered\n" + output());
            }
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response.body();
                }
            } catch (IOException notListeningYet) {
                // keep polling until the deadline
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError(url + " did not answer 200 within " + START_TIMEOUT + "\n" + output());
            }
            process.waitFor(100, TimeUnit.MILLISECONDS);
        }
    }

    /** Polls stdout until it contains {@code text}; fails early when the process dies. */
    void awaitStdout(String text) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (!stdout().contains(text)) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                throw new AssertionError("stdout never showed '" + text + "'\n" + output());
            }
            process.waitFor(50, TimeUnit.MILLISECONDS);
        }
    }

    /** Waits for the process to end by itself and returns its exit code. */
    int awaitExit() throws InterruptedException {
        if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("gateway did not exit within " + START_TIMEOUT + "\n" + output());
        }
        return process.exitValue();
    }

    /** Sends SIGTERM (bin/one-api execs the JVM, so the signal reaches it) and returns the exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        return awaitExit();
    }

    String stdout() throws IOException {
        return Files.readString(stdout);
    }

    String stderr() throws IOException {
        return Files.readString(stderr);
    }

    String output() {
        try {
            return "--- stdout\n" + stdout() + "--- stderr\n" + stderr();
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
