package io.oneapi.launcher;

import java.net.BindException;
import java.util.Locale;

/** Start-up cannot continue; the message is the single line printed on stderr after {@code one-api: }. */
final class StartupFailure extends Exception {
    private static final long serialVersionUID = 1L;

    StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** Describes a server that did not start, recognising a taken port whichever transport reported it. */
    static StartupFailure serverDidNotStart(String server, int port, Throwable cause) {
        if (isAddressInUse(cause)) {
            return new StartupFailure("cannot listen on port " + port + ": address already in use", cause);
        }
        return new StartupFailure("cannot start the " + server + " server on port " + port + ": "
                + firstLine(cause), cause);
    }

    /** NIO and Undertow raise {@link BindException}; Netty's epoll transport raises its own IOException. */
    static boolean isAddressInUse(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            String message = t.getMessage() == null ? "" : t.getMessage().toLowerCase(Locale.ROOT);
            if (t instanceof BindException || message.contains("address already in use")) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    static String firstLine(Throwable error) {
        String message = error.getMessage();
        if (message == null || message.isBlank()) {
            return error.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message.strip() : message.substring(0, newline).strip();
    }
}
