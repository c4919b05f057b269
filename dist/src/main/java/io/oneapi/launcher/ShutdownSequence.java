package io.oneapi.launcher;

import ch.qos.logback.classic.LoggerContext;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JVM shutdown hook, installed before start-up begins so that a SIGTERM arriving while the servers are still
 * starting is not lost: the hook waits until start-up has settled, stops whatever started, and then ends the JVM
 * with {@code halt}, because a JVM ended by a signal would otherwise report 143 and systemd would count a clean
 * stop as a failure.
 */
final class ShutdownSequence {

    private final LoggerContext logging;
    private final CountDownLatch startSettled = new CountDownLatch(1);
    private volatile Gateway gateway;
    private volatile int exitCode;

    ShutdownSequence(LoggerContext logging) {
        this.logging = logging;
    }

    void install() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::run, "one-api-shutdown"));
    }

    /** Start-up succeeded: a stop from now on closes {@code started} and exits 0. */
    void started(Gateway started) {
        gateway = started;
        startSettled.countDown();
    }

    /** Start-up failed and nothing is left open: the process ends with {@code code}. */
    void failed(int code) {
        exitCode = code;
        startSettled.countDown();
    }

    private void run() {
        boolean interrupted = false;
        while (true) {
            try {
                startSettled.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        Gateway running = gateway;
        if (running != null) {
            Logger log = LoggerFactory.getLogger(ShutdownSequence.class);
            log.info("stopping");
            running.close();
            log.info("stopped");
        }
        logging.stop();
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Runtime.getRuntime().halt(exitCode);
    }
}
