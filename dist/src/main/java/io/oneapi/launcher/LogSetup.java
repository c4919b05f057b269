package io.oneapi.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.TimeBasedRollingPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Configures logback in code, before anything logs: stdout plus One API's files in the log directory, either one per
 * day ({@code oneapi-YYYYMMDD.log}) or a single {@code oneapi.log}. Every line goes through {@link RedactingLayout}.
 * Third-party libraries stay at INFO even with {@code DEBUG=true}, which would otherwise drown our own debug lines.
 */
final class LogSetup {

    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n";

    /**
     * @param debug {@code DEBUG}: our packages at DEBUG
     * @param debugSql {@code DEBUG_SQL}: storage at DEBUG
     * @param httpDebug {@code GIN_MODE=debug}: the two servers at DEBUG
     */
    record Levels(boolean debug, boolean debugSql, boolean httpDebug) {
    }

    private LogSetup() {
    }

    /** Replaces whatever logback configured on its own; throws when the log directory cannot be created. */
    static LoggerContext configure(Path logDir, boolean onlyOneLogFile, Levels levels) throws IOException {
        Files.createDirectories(logDir);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();

        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setName("console");
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(queued("async-console", started(console, context), context));
        root.addAppender(queued("async-file",
                started(onlyOneLogFile ? singleFile(logDir) : dailyFiles(logDir, context), context), context));

        if (levels.debug()) {
            context.getLogger("io.oneapi").setLevel(Level.DEBUG);
        }
        if (levels.debugSql()) {
            context.getLogger("io.oneapi.storage").setLevel(Level.DEBUG);
        }
        if (levels.httpDebug()) {
            context.getLogger("io.oneapi.proxy").setLevel(Level.DEBUG);
            context.getLogger("io.oneapi.admin").setLevel(Level.DEBUG);
        }
        context.start(); // else stop() at shutdown does nothing, and the queued lines are lost
        return context;
    }

    /**
     * Event loops log too (upstream failures, refusals): they hand the line to a queue and go on. A slow disk or a
     * stalled stdout pipe (journald, docker) must never hold up a relay thread, so a full queue drops lines (below
     * WARN first) instead of blocking. Stopping the context at shutdown drains it. One queue per appender: an
     * AsyncAppender feeds exactly one.
     */
    private static AsyncAppender queued(String name, OutputStreamAppender<ILoggingEvent> appender,
                                        LoggerContext context) {
        AsyncAppender async = new AsyncAppender();
        async.setContext(context);
        async.setName(name);
        async.setQueueSize(8192);
        async.setNeverBlock(true);
        async.setMaxFlushTime(2000);
        async.addAppender(appender);
        async.start();
        return async;
    }

    private static FileAppender<ILoggingEvent> singleFile(Path logDir) {
        FileAppender<ILoggingEvent> file = new FileAppender<>();
        file.setName("file");
        file.setAppend(true);
        file.setFile(logDir.resolve("oneapi.log").toString());
        return file;
    }

    private static RollingFileAppender<ILoggingEvent> dailyFiles(Path logDir, LoggerContext context) {
        RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
        file.setName("file");
        file.setAppend(true);
        // No setFile(): the active file is named by the pattern itself, so today's file is oneapi-YYYYMMDD.log.
        TimeBasedRollingPolicy<ILoggingEvent> policy = new TimeBasedRollingPolicy<>();
        policy.setContext(context);
        policy.setParent(file);
        policy.setFileNamePattern(logDir.resolve("oneapi-%d{yyyyMMdd}.log").toString());
        policy.start();
        file.setRollingPolicy(policy);
        return file;
    }

    private static OutputStreamAppender<ILoggingEvent> started(OutputStreamAppender<ILoggingEvent> appender,
                                                               LoggerContext context) {
        RedactingLayout layout = new RedactingLayout();
        layout.setContext(context);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
