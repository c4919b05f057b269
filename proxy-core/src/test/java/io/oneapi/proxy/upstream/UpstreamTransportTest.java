package io.oneapi.proxy.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.spi.Header;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS with certificate and host name checks, and RELAY_PROXY through an HTTP CONNECT proxy. */
class UpstreamTransportTest {
    static EventLoopGroup group;

    @TempDir
    static Path dir;
    static X509Certificate certificate;
    static PrivateKey key;
    static X509Certificate ipCertificate;
    static PrivateKey ipKey;
    static KeyStore namedStore;
    static KeyStore ipStore;

    @BeforeAll
    static void setUp() throws Exception {
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        // Addresses, not names: the test must not depend on how this machine resolves "localhost".
        KeyStore named = selfSigned("named.p12", "SAN=dns:upstream.example");
        namedStore = named;
        certificate = (X509Certificate) named.getCertificate("up");
        key = (PrivateKey) named.getKey("up", "changeit".toCharArray());
        KeyStore byIp = selfSigned("ip.p12", "SAN=ip:127.0.0.1");
        ipStore = byIp;
        ipCertificate = (X509Certificate) byIp.getCertificate("up");
        ipKey = (PrivateKey) byIp.getKey("up", "changeit".toCharArray());
    }

    private static KeyStore selfSigned(String file, String san) throws Exception {
        Path store = dir.resolve(file);
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "up", "-keyalg", "RSA", "-keysize", "2048",
                "-dname", "CN=upstream", "-ext", san, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, output);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    @AfterAll
    static void tearDown() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    private static UpstreamConnector connector(String relayProxy) throws SSLException {
        SslContext client = SslContextBuilder.forClient().trustManager(certificate, ipCertificate).build();
        return new UpstreamConnector(NioSocketChannel.class, NioDatagramChannel.class, relayProxy,
                Duration.ofSeconds(5), Duration.ofSeconds(30), client);
    }

    /** Calls {@code url} on the loop and completes with the status, or the failure. */
    private static CompletableFuture<Integer> get(UpstreamConnector connector, String url) {
        return get(connector, url, group.next());
    }

    /** As above on {@code loop}: pooled connections belong to one loop. */
    private static CompletableFuture<Integer> get(UpstreamConnector connector, String url, EventLoop loop) {
        CompletableFuture<Integer> result = new CompletableFuture<>();
        loop.execute(() -> UpstreamCall.start(connector, loop, url, "GET", List.of(new Header("Accept", "*/*")),
                Unpooled.EMPTY_BUFFER, Duration.ofSeconds(10), new CollectingListener(
                        io.netty.buffer.ByteBufAllocator.DEFAULT, 1 << 20, new CollectingListener.Receiver() {
                            @Override
                            public void completed(HttpResponse head, ByteBuf body) {
                                body.release();
                                result.complete(head.status().code());
                            }

                            @Override
                            public void failed(Throwable cause) {
                                result.completeExceptionally(cause);
                            }
                        })));
        return result;
    }

    @Test
    void talksTlsAndChecksTheHostName() throws Exception {
        try (MockUpstream good = new MockUpstream(SslContextBuilder.forServer(ipKey, ipCertificate).build());
             MockUpstream wrong = new MockUpstream(SslContextBuilder.forServer(key, certificate).build())) {
            good.script(r -> new MockUpstream.Json(200, "{}"));
            wrong.script(r -> new MockUpstream.Json(200, "{}"));
            UpstreamConnector connector = connector("");
            try {
                assertEquals(200, get(connector, "https://127.0.0.1:" + good.port() + "/v1/models")
                        .get(20, TimeUnit.SECONDS));
                // A trusted certificate issued for another name must still be refused.
                CompletableFuture<Integer> wrongName = get(connector, "https://127.0.0.1:" + wrong.port() + "/");
                Throwable failure = assertThrowsCause(wrongName);
                assertTrue(failure.toString().contains("SSL") || failure.toString().contains("ertificate"),
                        failure.toString());
                assertEquals(1, good.requestCount());
                assertEquals(0, wrong.requestCount(), "the mismatched host never got a request");
            } finally {
                connector.close();
            }
        }
    }

    @Test
    void goesThroughRelayProxyWithConnect() throws Exception {
        try (MockUpstream upstream = new MockUpstream(); ConnectProxy proxy = new ConnectProxy()) {
            upstream.script(r -> new MockUpstream.Json(200, "{}"));
            UpstreamConnector connector = connector("http://127.0.0.1:" + proxy.port());
            try {
                assertEquals(200, get(connector, upstream.baseUrl() + "/v1/chat/completions")
                        .get(20, TimeUnit.SECONDS));
                assertEquals(1, proxy.tunnels.get());
                assertEquals("127.0.0.1:" + upstream.port(), proxy.lastTarget);
            } finally {
                connector.close();
            }
        }
    }

    /** Credentials in RELAY_PROXY's user info reach the proxy, percent-decoded, as Basic Proxy-Authorization. */
    @Test
    void sendsTheProxyUrlsCredentials() throws Exception {
        try (MockUpstream upstream = new MockUpstream(); ConnectProxy proxy = new ConnectProxy()) {
            upstream.script(r -> new MockUpstream.Json(200, "{}"));
            UpstreamConnector connector = connector("http://relay%40corp:p%3Ass@127.0.0.1:" + proxy.port());
            try {
                assertEquals(200, get(connector, upstream.baseUrl() + "/v1/chat/completions")
                        .get(20, TimeUnit.SECONDS));
                assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString(
                        "relay@corp:p:ss".getBytes(StandardCharsets.UTF_8)), proxy.lastAuthorization);
            } finally {
                connector.close();
            }
        }
    }

    /** An https:// proxy gets TLS first, with its certificate and host name checked like an upstream's. */
    @Test
    void goesThroughAnHttpsProxyWhoseCertificateIsChecked() throws Exception {
        try (MockUpstream upstream = new MockUpstream();
             ConnectProxy proxy = new ConnectProxy(tlsSockets(ipStore));
             ConnectProxy impostor = new ConnectProxy(tlsSockets(namedStore))) {
            upstream.script(r -> new MockUpstream.Json(200, "{}"));
            UpstreamConnector connector = connector("https://u:p@127.0.0.1:" + proxy.port());
            try {
                assertEquals(200, get(connector, upstream.baseUrl() + "/v1/chat/completions")
                        .get(20, TimeUnit.SECONDS));
                assertEquals(1, proxy.tunnels.get());
                assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString(
                        "u:p".getBytes(StandardCharsets.UTF_8)), proxy.lastAuthorization);
            } finally {
                connector.close();
            }
            // Trusted, but issued for another name: the gateway never tells it where it is going.
            UpstreamConnector wrong = connector("https://127.0.0.1:" + impostor.port());
            try {
                Throwable failure = assertThrowsCause(get(wrong, upstream.baseUrl() + "/v1/chat/completions"));
                assertTrue(failure.toString().contains("SSL") || failure.toString().contains("ertificate")
                        || failure.toString().contains("roxy"), failure.toString());
                assertEquals(0, impostor.tunnels.get());
                assertEquals(1, upstream.requestCount());
            } finally {
                wrong.close();
            }
        }
    }

    private static javax.net.ServerSocketFactory tlsSockets(KeyStore store) throws Exception {
        javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance(
                javax.net.ssl.KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        javax.net.ssl.SSLContext context = javax.net.ssl.SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context.getServerSocketFactory();
    }

    @Test
    void proxyPortsDefaultToTheSchemes() {
        assertEquals(443, ProxyHandlers.address(java.net.URI.create("https://127.0.0.1")).getPort());
        assertEquals(80, ProxyHandlers.address(java.net.URI.create("http://127.0.0.1")).getPort());
        assertEquals(1080, ProxyHandlers.address(java.net.URI.create("socks5://127.0.0.1")).getPort());
        assertEquals(1080, ProxyHandlers.address(java.net.URI.create("socks5h://u:p@127.0.0.1")).getPort());
        assertEquals(3128, ProxyHandlers.address(java.net.URI.create("http://127.0.0.1:3128")).getPort());
    }

    /** A pooled keep-alive connection is reused while fresh and closed by the gateway once idle. */
    @Test
    void pooledConnectionIsReusedThenClosedWhenIdle() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 10,
                java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<long[]> closedAfter = new CompletableFuture<>();
            java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
            Thread upstream = new Thread(() -> {
                try (java.net.Socket socket = server.accept()) {
                    accepted.incrementAndGet();
                    server.setSoTimeout(200);
                    InputStream in = socket.getInputStream();
                    for (int i = 0; i < 2; i++) {
                        readRequestHead(in);
                        socket.getOutputStream().write(
                                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}".getBytes(StandardCharsets.US_ASCII));
                    }
                    long answered = System.nanoTime();
                    socket.setSoTimeout(10_000);
                    int next = in.read(); // -1 once the gateway closes the idle connection
                    closedAfter.complete(new long[] {next, (System.nanoTime() - answered) / 1_000_000});
                    try {
                        server.accept(); // a second connection would show the first was not reused
                        accepted.incrementAndGet();
                    } catch (java.net.SocketTimeoutException expected) {
                        // none
                    }
                } catch (Exception e) {
                    closedAfter.completeExceptionally(e);
                }
            });
            upstream.start();
            SslContext client = SslContextBuilder.forClient().build();
            UpstreamConnector connector = new UpstreamConnector(NioSocketChannel.class, NioDatagramChannel.class, "",
                    Duration.ofSeconds(5), Duration.ofMillis(500), client);
            try {
                String url = "http://127.0.0.1:" + server.getLocalPort() + "/v1/models";
                assertEquals(200, get(connector, url).get(20, TimeUnit.SECONDS));
                assertEquals(200, get(connector, url).get(20, TimeUnit.SECONDS));
                long[] closed = closedAfter.get(20, TimeUnit.SECONDS);
                assertEquals(-1, closed[0], "the gateway closed the connection");
                assertTrue(closed[1] >= 400, "not before the idle timeout: " + closed[1] + " ms");
                upstream.join(5_000);
                assertEquals(1, accepted.get(), "both calls used one connection");
            } finally {
                connector.close();
            }
        }
    }

    /**
     * A pooled connection lost at once (closed while idle) is retried on a fresh one; one lost after the upstream
     * had the request for a while is not, since the upstream may be running it and would run it twice.
     */
    @Test
    void onlyAStaleOnArrivalConnectionIsRetried() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 10,
                java.net.InetAddress.getLoopbackAddress())) {
            AtomicInteger requests = new AtomicInteger();
            java.util.concurrent.atomic.AtomicLong holdMillis = new java.util.concurrent.atomic.AtomicLong();
            // Each connection answers its first request and cuts the second one after holdMillis.
            Thread upstream = new Thread(() -> {
                while (!server.isClosed()) {
                    java.net.Socket socket;
                    try {
                        socket = server.accept();
                    } catch (java.io.IOException e) {
                        return;
                    }
                    Thread handler = new Thread(() -> {
                        try (socket) {
                            InputStream in = socket.getInputStream();
                            readRequestHead(in);
                            requests.incrementAndGet();
                            socket.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
                                    .getBytes(StandardCharsets.US_ASCII));
                            readRequestHead(in);
                            requests.incrementAndGet();
                            Thread.sleep(holdMillis.get());
                        } catch (Exception e) {
                            // cut
                        }
                    });
                    handler.setDaemon(true);
                    handler.start();
                }
            });
            upstream.setDaemon(true);
            upstream.start();
            UpstreamConnector connector = new UpstreamConnector(NioSocketChannel.class, NioDatagramChannel.class, "",
                    Duration.ofSeconds(5), Duration.ofSeconds(30), SslContextBuilder.forClient().build());
            try {
                String url = "http://127.0.0.1:" + server.getLocalPort() + "/v1/x";
                EventLoop loop = group.next();
                holdMillis.set(0);
                assertEquals(200, get(connector, url, loop).get(20, TimeUnit.SECONDS));
                assertEquals(200, get(connector, url, loop).get(20, TimeUnit.SECONDS), "cut at once: sent again");
                assertEquals(3, requests.get());

                holdMillis.set(1_500);
                assertThrowsCause(get(connector, url, loop));
                assertEquals(4, requests.get(), "cut after 1.5 s: not sent a second time");
            } finally {
                connector.close();
            }
        }
    }

    private static void readRequestHead(InputStream in) throws java.io.IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new java.io.EOFException("request cut");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static Throwable assertThrowsCause(CompletableFuture<Integer> future) throws Exception {
        try {
            future.get(20, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    /** A minimal HTTP CONNECT proxy on a free loopback port, one thread pair per tunnel. */
    static final class ConnectProxy implements AutoCloseable {
        final ServerSocket server;
        final AtomicInteger tunnels = new AtomicInteger();
        volatile String lastTarget = "";
        volatile String lastAuthorization = "";

        ConnectProxy() throws Exception {
            this(javax.net.ServerSocketFactory.getDefault());
        }

        /** A proxy on sockets from {@code sockets}: TLS ones make it an https:// proxy. */
        ConnectProxy(javax.net.ServerSocketFactory sockets) throws Exception {
            server = sockets.createServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
            Thread acceptor = new Thread(this::acceptLoop, "connect-proxy");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void acceptLoop() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread t = new Thread(() -> tunnel(client), "connect-tunnel");
                    t.setDaemon(true);
                    t.start();
                } catch (java.io.IOException e) {
                    return;
                }
            }
        }

        private void tunnel(Socket client) {
            try (client) {
                InputStream in = client.getInputStream();
                StringBuilder head = new StringBuilder();
                while (!head.toString().endsWith("\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        return;
                    }
                    head.append((char) b);
                }
                String target = head.toString().split(" ")[1];
                lastTarget = target;
                for (String line : head.toString().split("\r\n")) {
                    if (line.toLowerCase(java.util.Locale.ROOT).startsWith("proxy-authorization:")) {
                        lastAuthorization = line.substring(line.indexOf(':') + 1).trim();
                    }
                }
                tunnels.incrementAndGet();
                String[] hostPort = target.split(":");
                try (Socket upstream = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
                    OutputStream out = client.getOutputStream();
                    out.write("HTTP/1.1 200 Connection Established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    Thread back = new Thread(() -> pipe(upstream, client));
                    back.setDaemon(true);
                    back.start();
                    pipe(client, upstream);
                }
            } catch (java.io.IOException e) {
                // tunnel closed
            }
        }

        private static void pipe(Socket from, Socket to) {
            try {
                from.getInputStream().transferTo(to.getOutputStream());
            } catch (java.io.IOException e) {
                // either side closed
            }
        }

        @Override
        public void close() throws Exception {
            server.close();
        }
    }
}
