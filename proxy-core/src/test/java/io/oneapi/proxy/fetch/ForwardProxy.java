package io.oneapi.proxy.fetch;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP forward proxy on loopback for fetch tests, written on plain sockets: {@code CONNECT
 * host:port} tunnels and absolute-form {@code GET http://host:port/path} requests, as a forward proxy
 * such as Squid takes them. It records each request line and the local port of each connection it
 * opens, so a test can tell that the image server was reached from the proxy. Scripted misbehaviour:
 * refuse with a status, stall without answering, or hang up.
 */
final class ForwardProxy implements AutoCloseable {

    /** How the proxy answers a request. */
    enum Mode { FORWARD, STALL, HANG_UP, REFUSE }

    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Queue<String> requests = new ConcurrentLinkedQueue<>();
    private final Queue<Integer> outboundPorts = new ConcurrentLinkedQueue<>();
    private final Queue<Socket> sockets = new ConcurrentLinkedQueue<>();
    private volatile Mode mode = Mode.FORWARD;
    private volatile int refusal = 403;

    ForwardProxy() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        threads.execute(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    String url() {
        return "http://127.0.0.1:" + port();
    }

    void mode(Mode newMode) {
        mode = newMode;
    }

    /** Answers every request with this status (a proxy's 403, 407, or 502 when the target is down). */
    void refuse(int status) {
        refusal = status;
        mode = Mode.REFUSE;
    }

    /** Request lines received, e.g. "CONNECT 127.0.0.1:8080 HTTP/1.1". */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** The local ports of the connections the proxy opened to targets. */
    List<Integer> outboundPorts() {
        return List.copyOf(outboundPorts);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            List<String> head = readHead(in);
            if (head.isEmpty()) {
                return;
            }
            String requestLine = head.get(0);
            requests.add(requestLine);
            switch (mode) {
                case STALL -> {
                    in.transferTo(OutputStream.nullOutputStream()); // until the client or close() ends it
                    return;
                }
                case HANG_UP -> {
                    return;
                }
                case REFUSE -> {
                    answer(out, refusal);
                    return;
                }
                case FORWARD -> {
                }
            }
            String[] parts = requestLine.split(" ");
            if (parts.length != 3) {
                answer(out, 400);
                return;
            }
            if (parts[0].equals("CONNECT")) {
                tunnel(parts[1], in, out);
            } else {
                forward(parts[0], URI.create(parts[1]), head, in, out);
            }
        } catch (IOException | RuntimeException e) {
            // the client went away or the test is closing
        }
    }

    private void tunnel(String authority, InputStream in, OutputStream out) throws IOException {
        int colon = authority.lastIndexOf(':');
        String host = authority.substring(0, colon);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        Socket target = open(host, Integer.parseInt(authority.substring(colon + 1)));
        if (target == null) {
            answer(out, 502);
            return;
        }
        out.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        pump(in, out, target);
    }

    private void forward(String method, URI uri, List<String> head, InputStream in, OutputStream out)
            throws IOException {
        Socket target = open(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 80);
        if (target == null) {
            answer(out, 502);
            return;
        }
        StringBuilder request = new StringBuilder(method).append(' ')
                .append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()).append(" HTTP/1.1\r\n");
        for (String header : head.subList(1, head.size())) {
            String name = header.substring(0, Math.max(0, header.indexOf(':'))).toLowerCase(Locale.ROOT);
            if (!name.startsWith("proxy-") && !name.equals("connection")) {
                request.append(header).append("\r\n");
            }
        }
        request.append("Connection: close\r\n\r\n");
        target.getOutputStream().write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
        pump(in, out, target);
    }

    private Socket open(String host, int port) {
        Socket target = new Socket();
        sockets.add(target);
        try {
            target.connect(new InetSocketAddress(host, port), 2_000);
        } catch (IOException e) {
            return null;
        }
        outboundPorts.add(target.getLocalPort());
        return target;
    }

    /** Copies both ways until the target's side ends. */
    private void pump(InputStream in, OutputStream out, Socket target) throws IOException {
        try (target) {
            threads.execute(() -> {
                try {
                    in.transferTo(target.getOutputStream());
                } catch (IOException ignored) {
                    // either side closed
                }
            });
            target.getInputStream().transferTo(out);
            out.flush();
        }
    }

    private static void answer(OutputStream out, int status) throws IOException {
        out.write(("HTTP/1.1 " + status + " Scripted\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads the request head byte by byte, so nothing after it is consumed. */
    private static List<String> readHead(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.ISO_8859_1).stripTrailing();
                line.reset();
                if (text.isEmpty()) {
                    return lines;
                }
                lines.add(text);
            } else {
                line.write(b);
            }
        }
        return List.of();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
    }
}
