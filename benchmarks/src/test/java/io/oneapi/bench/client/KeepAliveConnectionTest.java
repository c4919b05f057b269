package io.oneapi.bench.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.bench.fixture.ChatFixtures;
import io.oneapi.bench.upstream.MockUpstreamServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The JMH client against the benchmark mock: keep-alive, both framings, and malformed answers. */
class KeepAliveConnectionTest {
    private static final byte[] DONE = ChatFixtures.DONE_EVENT.getBytes(StandardCharsets.US_ASCII);
    private static MockUpstreamServer mock;

    @BeforeAll
    static void start() {
        mock = MockUpstreamServer.start(0, 1, Duration.ofMillis(1));
    }

    @AfterAll
    static void stop() {
        mock.close();
    }

    @Test
    void unaryAndStreamAlternateOnOneConnection() throws IOException {
        byte[] unary = KeepAliveConnection.post("127.0.0.1", mock.port(), ChatFixtures.PATH, "sk-x",
                ChatFixtures.chatRequest(false));
        byte[] stream = KeepAliveConnection.post("127.0.0.1", mock.port(), ChatFixtures.PATH, null,
                ChatFixtures.chatRequest(true));
        try (KeepAliveConnection c = new KeepAliveConnection("127.0.0.1", mock.port())) {
            for (int i = 0; i < 3; i++) {
                assertEquals(ChatFixtures.unaryResponse().length, c.exchange(unary));
                assertFalse(c.lastBodyEndsWith(DONE));
                assertEquals(ChatFixtures.streamBytes().length, c.exchange(stream));
                assertTrue(c.lastBodyEndsWith(DONE));
            }
        }
    }

    @Test
    void errorStatusIsAnException() throws IOException {
        byte[] wrongPath = KeepAliveConnection.post("127.0.0.1", mock.port(), "/v1/nothing", null, new byte[0]);
        try (KeepAliveConnection c = new KeepAliveConnection("127.0.0.1", mock.port())) {
            IOException e = assertThrows(IOException.class, () -> c.exchange(wrongPath));
            assertTrue(e.getMessage().contains("404"), e.getMessage());
        }
    }

    @Test
    void truncatedOrUnframedResponsesAreExceptions() throws Exception {
        assertTrue(answerWith("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc").getMessage().contains("closed"));
        assertTrue(answerWith("HTTP/1.1 200 OK\r\n\r\n").getMessage().contains("Content-Length"));
        assertTrue(answerWith("garbage\r\n\r\n").getMessage().contains("status line"));
    }

    /** Runs one exchange against a socket that answers {@code raw} and closes; returns the client's error. */
    private static IOException answerWith(String raw) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept(); InputStream in = s.getInputStream();
                     OutputStream out = s.getOutputStream()) {
                    in.read(new byte[4096]);
                    out.write(raw.getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (KeepAliveConnection c = new KeepAliveConnection("127.0.0.1", server.getLocalPort())) {
                IOException e = assertThrows(IOException.class, () -> c.exchange(
                        KeepAliveConnection.post("127.0.0.1", server.getLocalPort(), "/", null, new byte[0])));
                served.join();
                return e;
            }
        }
    }
}
