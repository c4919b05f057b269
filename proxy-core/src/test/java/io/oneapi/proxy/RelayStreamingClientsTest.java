package io.oneapi.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Clients that vanish or read slowly: the upstream call is cancelled or paused, and billing stays exact. */
class RelayStreamingClientsTest {
    static final String STREAM_CHAT = "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\","
            + "\"content\":\"hi\"}]}";

    @TempDir
    Path dir;
    MockUpstream upstream;
    TestGateway gateway;
    String key;

    @BeforeEach
    void start() {
        upstream = new MockUpstream();
        gateway = TestGateway.start(dir);
        int userId = gateway.user("dave", 1_000_000_000L, "default", 1);
        key = gateway.token(userId, 0, true);
        gateway.channel(upstream.baseUrl(), "m", 0, 0);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private Socket sendStreamRequest() throws Exception {
        Socket socket = new Socket();
        // A small receive window so a client that stops reading is felt quickly.
        socket.setReceiveBufferSize(16 * 1024);
        socket.connect(new java.net.InetSocketAddress("127.0.0.1", gateway.port()));
        byte[] body = STREAM_CHAT.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sk-" + key
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return socket;
    }

    /** Reads until {@code marker} arrives, looking only at the newest bytes (the body can be megabytes). */
    private static String readUntil(InputStream in, String marker) throws Exception {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        String tail = "";
        while (!tail.contains(marker)) {
            int n = in.read(buf);
            if (n < 0) {
                break;
            }
            got.write(buf, 0, n);
            String fresh = new String(buf, 0, n, StandardCharsets.ISO_8859_1);
            tail = tail.substring(Math.max(0, tail.length() - marker.length())) + fresh;
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aVanishedClientCancelsTheUpstreamAndIsBilledForWhatWasProduced() throws Exception {
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            chunks.add("data: {\"choices\":[{\"delta\":{\"content\":\"hello\"}}]}\n\n");
        }
        upstream.script(r -> new MockUpstream.Stream(200, "text/event-stream", chunks, 20, -1));
        try (Socket socket = sendStreamRequest()) {
            socket.setSoTimeout(10_000);
            String first = readUntil(socket.getInputStream(), "hello");
            assertTrue(first.startsWith("HTTP/1.1 200"), first);
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (upstream.cancelledStreams() == 0 && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
        }
        assertEquals(1, upstream.cancelledStreams(), "the upstream stream was cut short by the gateway");
        gateway.stopProxy();
        List<LogEntry> logs = gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 10);
        assertEquals(1, logs.size(), "an aborted request that reached the upstream is still billed once");
        assertTrue(logs.get(0).completionTokens() >= 1 && logs.get(0).completionTokens() < 50,
                "billed for the part produced: " + logs.get(0).completionTokens());
        assertTrue(logs.get(0).content().contains("client disconnected"), logs.get(0).content());
    }

    @Test
    void aClientThatStopsReadingPausesTheUpstreamAndStillGetsEverything() throws Exception {
        String payload = String.join("", Collections.nCopies(16_000, "x"));
        List<String> chunks = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            chunks.add("data: {\"choices\":[{\"delta\":{\"content\":\"" + payload + "\"}}]}\n\n");
        }
        upstream.script(r -> new MockUpstream.Stream(200, "text/event-stream", chunks, 0, -1));
        try (Socket socket = sendStreamRequest()) {
            socket.setSoTimeout(20_000);
            long deadline = System.currentTimeMillis() + 10_000;
            while (upstream.backpressuredStreams() == 0 && System.currentTimeMillis() < deadline) {
                Thread.onSpinWait();
            }
            assertEquals(1, upstream.backpressuredStreams(),
                    "with a client that does not read, the gateway must stop reading the upstream");
            String all = readUntil(socket.getInputStream(), "data: [DONE]");
            int count = 0;
            for (int at = all.indexOf("\"content\":\""); at >= 0; at = all.indexOf("\"content\":\"", at + 1)) {
                count++;
            }
            assertEquals(400, count, "every chunk arrives once the client reads again");
            assertTrue(all.endsWith("data: [DONE]\n\n0\r\n\r\n") || all.contains("data: [DONE]\n\n"));
        }
    }
}
