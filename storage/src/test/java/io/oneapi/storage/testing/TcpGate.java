package io.oneapi.storage.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP relay on a loopback port in front of a real server (database, Redis), so a test can make the server
 * "go away" for the clients behind the gate without touching the shared server: {@link #cut()} resets every
 * relayed connection and refuses new ones, as a stopped server would; {@link #open()} listens again on the same
 * port, as a restarted one would.
 */
public final class TcpGate implements AutoCloseable {
    /** {@code tcp(host:port)} or {@code //[user@]host:port}. */
    private static final Pattern HOST_PORT = Pattern.compile("(tcp\\(|//(?:[^@/]*@)?)([^:/()@]+):(\\d+)");

    private final InetSocketAddress target;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket server;

    /** Opens a gate on a free loopback port relaying to {@code host:targetPort}. */
    public TcpGate(String host, int targetPort) throws IOException {
        this.target = new InetSocketAddress(host, targetPort);
        ServerSocket first = bind(0);
        this.port = first.getLocalPort();
        start(first);
    }

    /**
     * A gate in front of the server that {@code address} names: a One API MySQL DSN ({@code user:pass@tcp(host:port)/db})
     * or a URL ({@code postgres://...}, {@code redis://...}).
     */
    public static TcpGate inFrontOf(String address) throws IOException {
        Matcher m = hostPort(address);
        return new TcpGate(m.group(2), Integer.parseInt(m.group(3)));
    }

    /** {@code address} with its host and port replaced by this gate's, so clients connect through it. */
    public String route(String address) {
        Matcher m = hostPort(address);
        return address.substring(0, m.start(2)) + "127.0.0.1:" + port + address.substring(m.end(3));
    }

    private static Matcher hostPort(String address) {
        Matcher m = HOST_PORT.matcher(address);
        if (!m.find()) {
            throw new IllegalArgumentException("no host:port in the address");
        }
        return m;
    }

    public int port() {
        return port;
    }

    /** Resets every connection through the gate and stops listening (clients get "connection refused"). */
    public synchronized void cut() throws IOException {
        ServerSocket listening = server;
        server = null;
        if (listening != null) {
            listening.close();
        }
        for (Socket socket : sockets) {
            try {
                socket.setSoLinger(true, 0); // RST, like a killed server
            } catch (SocketException ignored) {
                // already closed
            }
            socket.close();
        }
        sockets.clear();
    }

    /** Listens again on the same port (retrying briefly: the port can linger for a moment after a cut). */
    public synchronized void open() throws IOException {
        if (server != null) {
            return;
        }
        IOException last = null;
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                start(bind(port));
                return;
            } catch (java.net.BindException e) {
                last = e;
                try {
                    Thread.sleep(100); // a retry delay, not synchronisation
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
        throw last;
    }

    @Override
    public void close() throws IOException {
        cut();
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void start(ServerSocket listening) {
        server = listening;
        Thread acceptor = new Thread(() -> accept(listening), "tcp-gate-" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void accept(ServerSocket listening) {
        while (!listening.isClosed()) {
            Socket client;
            try {
                client = listening.accept();
            } catch (IOException closed) {
                return;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 5_000);
            } catch (IOException e) {
                closeQuietly(client);
                continue;
            }
            sockets.add(client);
            sockets.add(upstream);
            if (listening.isClosed()) { // cut while connecting
                closeQuietly(client);
                closeQuietly(upstream);
                return;
            }
            pump(client, upstream);
            pump(upstream, client);
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException ended) {
                // either side closed or the gate was cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
            }
        }, "tcp-gate-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
