package io.oneapi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

class LogSetupTest {

    @TempDir
    Path dir;

    private LoggerContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void writesADailyFileNamedLikeOneApisAndRedactsIt() throws IOException {
        Path logs = dir.resolve("nested/logs");
        context = LogSetup.configure(logs, false, new LogSetup.Levels(false, false, false));
        Logger log = LoggerFactory.getLogger("io.oneapi.test");
        log.info("upstream said: invalid key sk-abcdefghijklmnopqrstuvwx1234");
        log.debug("not at info level");
        context.stop();

        Path file = logs.resolve("oneapi-" + LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + ".log");
        String text = Files.readString(file);
        assertTrue(text.contains("upstream said: invalid key sk-***"), text);
        assertFalse(text.contains("abcdefghijklmnop"), text);
        assertFalse(text.contains("not at info level"), text);
    }

    @Test
    void onlyOneLogFileWritesOneapiLog() throws IOException {
        context = LogSetup.configure(dir, true, new LogSetup.Levels(false, false, false));
        LoggerFactory.getLogger("x").warn("hello");
        context.stop();
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("oneapi.log")), files.toList());
        }
        assertTrue(Files.readString(dir.resolve("oneapi.log")).contains("WARN"));
    }

    /** Event loops log: the line goes to a queue that never blocks its caller, and stopping drains it. */
    @Test
    void loggingNeverBlocksTheCallerAndStoppingDrainsTheQueue() throws IOException {
        context = LogSetup.configure(dir, true, new LogSetup.Levels(false, false, false));
        for (String name : List.of("async-console", "async-file")) {
            ch.qos.logback.classic.AsyncAppender async = (ch.qos.logback.classic.AsyncAppender) context
                    .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender(name);
            assertTrue(async.isNeverBlock(), name);
        }
        for (int i = 0; i < 2_000; i++) {
            LoggerFactory.getLogger("io.oneapi.test").warn("line {}", i);
        }
        context.stop();
        String text = Files.readString(dir.resolve("oneapi.log"));
        assertTrue(text.contains("line 1999"), "the last line was written: " + text.lines().count() + " lines, last "
                + text.lines().reduce((x, y) -> y).orElse(""));
    }

    @Test
    void debugRaisesOurPackagesOnly() throws IOException {
        context = LogSetup.configure(dir, true, new LogSetup.Levels(true, false, false));
        assertTrue(LoggerFactory.getLogger("io.oneapi.proxy.relay.X").isDebugEnabled());
        assertFalse(LoggerFactory.getLogger("io.netty.channel.X").isDebugEnabled());
    }

    @Test
    void sqlAndHttpDebugAreSeparate() throws IOException {
        context = LogSetup.configure(dir, true, new LogSetup.Levels(false, true, true));
        assertTrue(LoggerFactory.getLogger("io.oneapi.storage.Jdbc").isDebugEnabled());
        assertTrue(LoggerFactory.getLogger("io.oneapi.admin.http.X").isDebugEnabled());
        assertTrue(LoggerFactory.getLogger("io.oneapi.proxy.server.X").isDebugEnabled());
        assertFalse(LoggerFactory.getLogger("io.oneapi.launcher.Main").isDebugEnabled());
    }

    @Test
    void unusableLogDirectoryFails() throws IOException {
        Path notADir = Files.writeString(dir.resolve("file"), "x");
        assertThrows(IOException.class,
                () -> LogSetup.configure(notADir.resolve("logs"), false, new LogSetup.Levels(false, false, false)));
    }
}
