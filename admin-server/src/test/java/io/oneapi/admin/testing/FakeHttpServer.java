package io.oneapi.admin.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * An in-process HTTP server standing in for a third party (Turnstile, GitHub, Message Pusher, the proxy's
 * internal route). Each request is recorded; the answer comes from the handler given for its path prefix.
 */
public final class FakeHttpServer implements AutoCloseable {
    /** A request as the fake saw it. */
    public record Seen(String method, String path, String query, Map<String, List<String>> headers, String body) {
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    /** What to answer. */
    public record Answer(int status, String json) {
        public static Answer ok(String json) {
            return new Answer(200, json);
        }
    }

    private final HttpServer server;
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();

    public FakeHttpServer(Map<String, Function<Seen, Answer>> routes) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        routes.forEach((prefix, handler) -> server.createContext(prefix, exchange -> answer(exchange, handler)));
        server.start();
    }

    private void answer(HttpExchange exchange, Function<Seen, Answer> handler) throws IOException {
        Seen request = new Seen(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                exchange.getRequestURI().getRawQuery(), Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        seen.add(request);
        Answer answer = handler.apply(request);
        byte[] body = answer.json().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The next request received, or null after 10 s. */
    public Seen next() throws InterruptedException {
        return seen.poll(30, TimeUnit.SECONDS); // generous: CI machines are shared and slow
    }

    public int received() {
        return seen.size();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
