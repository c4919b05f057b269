package io.oneapi.proxy.providers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A loopback stand-in for the Bedrock runtime: records requests and answers with JSON or with binary
 * AWS event-stream chunks, each written and flushed on its own (so frames split across HTTP chunks).
 */
final class BedrockUpstream implements AutoCloseable {

    record Received(String method, String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    sealed interface Answer permits Json, EventStream {
    }

    record Json(int status, String body, Map<String, String> headers) implements Answer {
    }

    record EventStream(List<byte[]> chunks) implements Answer {
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile Function<Received, Answer> script = r -> new Json(500, "{}", Map.of());

    BedrockUpstream() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    BedrockUpstream script(Function<Received, Answer> answers) {
        this.script = answers;
        return this;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                Map.copyOf(exchange.getRequestHeaders()),
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        received.add(request);
        Answer answer = script.apply(request);
        try (OutputStream out = exchange.getResponseBody()) {
            if (answer instanceof Json json) {
                byte[] body = json.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                json.headers().forEach(exchange.getResponseHeaders()::set);
                exchange.sendResponseHeaders(json.status(), body.length);
                out.write(body);
            } else if (answer instanceof EventStream stream) {
                exchange.getResponseHeaders().set("Content-Type", "application/vnd.amazon.eventstream");
                exchange.sendResponseHeaders(200, 0);
                for (byte[] chunk : stream.chunks()) {
                    out.write(chunk);
                    out.flush();
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
