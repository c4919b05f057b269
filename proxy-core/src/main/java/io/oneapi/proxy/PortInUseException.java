package io.oneapi.proxy;

/** The listening port is taken; the launcher turns this into a one-line message. */
public final class PortInUseException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int port;

    PortInUseException(int port, Throwable cause) {
        super("cannot listen on port " + port + ": address already in use", cause);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
