package io.oneapi.launcher;

import ch.qos.logback.classic.LoggerContext;
import io.oneapi.config.ConfigLoader;
import io.oneapi.config.EnvFile;
import io.oneapi.config.GatewayConfig;
import io.oneapi.config.LoadResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code bin/one-api}. Exit codes: 0 after {@code --help}, {@code --version} or a SIGTERM/SIGINT stop;
 * 1 when start-up fails (taken port, unreachable database, unusable log directory); 2 for invalid flags or
 * settings. Every failure is reported as {@code one-api: <one line>} on stderr, never as a stack trace.
 */
public final class Main {

    /** Set by {@code bin/one-api}: the installation's env file, read after {@code .env} in the working directory. */
    static final String ENV_FILE_PROPERTY = "oneapi.env.file";

    private Main() {
    }

    public static void main(String[] args) {
        LoadResult result = loadConfig(args);
        if (result instanceof LoadResult.Help help) {
            System.out.print(help.usage());
            System.exit(0);
        } else if (result instanceof LoadResult.Version) {
            System.out.println("one-api " + Version.current());
            System.exit(0);
        } else if (result instanceof LoadResult.Invalid invalid) {
            invalid.errors().forEach(error -> System.err.println("one-api: " + error));
            System.exit(2);
        }
        LoadResult.Run run = (LoadResult.Run) result;
        GatewayConfig config = run.config();
        LoggerContext logging = startLogging(run);
        Logger log = LoggerFactory.getLogger(Main.class);
        run.warnings().forEach(log::warn);
        if (config.server().sessionSecretGenerated()) {
            log.info("SESSION_SECRET is not set: using a random one, so sessions end when the process stops");
        }

        ShutdownSequence shutdown = new ShutdownSequence(logging);
        shutdown.install();
        Gateway gateway;
        try {
            gateway = Gateway.start(config);
        } catch (StartupFailure e) {
            log.error("start-up failed: {}", e.getMessage());
            log.debug("start-up failure", e);
            failStartup(shutdown, e.getMessage());
            return;
        } catch (RuntimeException | Error e) {
            // A bug rather than an operator's mistake: the trace goes to the log, stderr still gets one line.
            log.error("start-up failed", e);
            failStartup(shutdown, "unexpected start-up failure: " + StartupFailure.firstLine(e));
            return;
        }
        shutdown.started(gateway);
        log.info("one-api {} started: {} (role {}, {} node)", Version.current(), gateway.describe(),
                config.role().name().toLowerCase(Locale.ROOT), config.nodeType().name().toLowerCase(Locale.ROOT));
        awaitShutdown();
    }

    private static void failStartup(ShutdownSequence shutdown, String message) {
        System.err.println("one-api: " + message);
        shutdown.failed(1);
        System.exit(1);
    }

    private static LoadResult loadConfig(String[] args) {
        List<EnvFile> envFiles = new ArrayList<>();
        List<Path> paths = new ArrayList<>(List.of(Path.of(".env")));
        String installEnv = System.getProperty(ENV_FILE_PROPERTY);
        if (installEnv != null && !installEnv.isBlank()) {
            paths.add(Path.of(installEnv));
        }
        for (Path path : paths) {
            try {
                EnvFile.readIfPresent(path).ifPresent(envFiles::add);
            } catch (IOException e) {
                System.err.println("one-api: cannot read " + path + ": " + StartupFailure.firstLine(e));
                System.exit(2);
            }
        }
        return ConfigLoader.load(List.of(args), System.getenv(), envFiles);
    }

    private static LoggerContext startLogging(LoadResult.Run run) {
        GatewayConfig config = run.config();
        Path logDir = config.server().logDir();
        try {
            return LogSetup.configure(logDir, config.server().onlyOneLogFile(),
                    new LogSetup.Levels(config.debug(), config.debugSql(), run.ginDebug()));
        } catch (IOException | RuntimeException e) {
            System.err.println("one-api: cannot write logs to " + logDir.toAbsolutePath() + ": "
                    + StartupFailure.firstLine(e));
            System.exit(1);
            throw new IllegalStateException("unreachable");
        }
    }

    /** The servers run on their own threads; main only has to stay out of the way until {@link ShutdownSequence} halts the JVM. */
    private static void awaitShutdown() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
