package io.oneapi.storage.redis;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/** Collects what one class logs during a test. */
final class LogCapture implements AutoCloseable {
    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture(Class<?> source) {
        logger = (Logger) LoggerFactory.getLogger(source);
        appender.start();
        logger.addAppender(appender);
    }

    /** How many lines at {@code level} contain {@code text}. */
    long count(Level level, String text) {
        synchronized (appender) { // AppenderBase.doAppend holds this lock
            return appender.list.stream()
                    .filter(e -> e.getLevel() == level && e.getFormattedMessage().contains(text)).count();
        }
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
    }
}
