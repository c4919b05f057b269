package io.oneapi.proxy.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.oneapi.spi.InlineImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * USER_CONTENT_REQUEST_PROXY and USER_CONTENT_REQUEST_TIMEOUT against a real forward proxy on loopback.
 * The fetcher resolves and vets every hop's host itself and asks the proxy for a CONNECT tunnel to the
 * vetted address (for http URLs too), so the proxy never resolves the user's host name and a DNS answer
 * that changes between the check and the connection cannot steer it elsewhere. The request inside the
 * tunnel keeps the URL's Host header, and TLS inside it the URL's host name.
 */
class ImageFetcherProxyTest {
    private ImageServer server;
    private ForwardProxy proxy;
    private EventLoopGroup group;
    private ExecutorService blocking;
    private FetchPolicy policy;

    @BeforeEach
    void start() {
        server = new ImageServer();
        proxy = new ForwardProxy();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        blocking = Executors.newFixedThreadPool(2);
        // Only the image server's loopback port is open to fetches; the proxy's port is not, and needs not be.
        policy = new FetchPolicy(16, 64 * 1024, 100 * 1024, 3, Duration.ofSeconds(5), URI.create(proxy.url()),
                Set.of()).allowingLoopbackForTests(server.port());
    }

    @AfterEach
    void stop() throws InterruptedException {
        proxy.close();
        server.close();
        blocking.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private CompletableFuture<java.util.Map<String, InlineImage>> start(FetchPolicy p, String url) {
        return new ImageFetcher(group, NioSocketChannel.class, blocking, p, ImageFetcherTest::resolve)
                .fetchAll(List.of(url));
    }

    private ImageFetchException refusal(FetchPolicy p, String url) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> start(p, url).get(20, TimeUnit.SECONDS));
        assertTrue(failure.getCause() instanceof ImageFetchException, "got " + failure.getCause());
        return (ImageFetchException) failure.getCause();
    }

    private String refusedByTheGuard(FetchPolicy p, String url) {
        ImageFetchException refused = refusal(p, url);
        assertEquals(400, refused.status());
        assertEquals("image_fetch_failed", refused.code());
        return refused.getMessage();
    }

    private String connectLine(int port) {
        return "CONNECT 127.0.0.1:" + port + " HTTP/1.1";
    }

    @Test
    void fetchesThroughTheProxyWhichIsNeverGivenTheHostName() throws Exception {
        server.serve("/a.png", "image/png", ImageServer.PNG, false);
        String url = "http://images.example:" + server.port() + "/a.png";

        InlineImage image = start(policy, url).get(20, TimeUnit.SECONDS).get(url);

        assertArrayEquals(ImageServer.PNG, image.data());
        assertEquals("image/png", image.mediaType());
        assertEquals(List.of(connectLine(server.port())), proxy.requests(),
                "one tunnel, to the vetted address rather than the name");
        List<ImageServer.Seen> seen = server.seen();
        assertEquals(1, seen.size());
        assertEquals("images.example:" + server.port(), seen.get(0).host(), "the Host header keeps the URL's name");
        assertEquals(List.of(seen.get(0).from().getPort()), proxy.outboundPorts(),
                "the image server was reached from the proxy's connection");
    }

    @Test
    void privateLoopbackLinkLocalAndMetadataTargetsAreRefusedBeforeTheProxyIsAsked() {
        server.serve("/a.png", "image/png", ImageServer.PNG, false);
        FetchPolicy publicOnly = policy.allowingLoopbackForTests();
        for (String url : List.of(server.url("/a.png"), "http://[::1]:" + server.port() + "/a.png",
                "http://images.example:" + server.port() + "/a.png", "http://10.1.2.3/a.png",
                "http://192.168.0.10/a.png", "http://169.254.169.254/latest/meta-data/",
                "http://metadata.example/computeMetadata/v1/", "https://intranet.example/a.png",
                "http://[fd00:ec2::254]/", "http://mixed.example:" + server.port() + "/a.png")) {
            String message = refusedByTheGuard(publicOnly, url);
            assertTrue(message.contains("private, loopback or otherwise reserved address"), url + ": " + message);
        }
        // The proxy's own loopback port is the operator's choice, not a target a user may name.
        String message = refusedByTheGuard(policy, proxy.url() + "/a.png");
        assertTrue(message.contains("reserved address"), message);
        assertEquals(List.of(), proxy.requests(), "no refused target may reach the proxy");
        assertEquals(0, server.hits("/a.png"));
    }

    @Test
    void everyRedirectHopGoesThroughTheProxyAndIsCheckedAgain() throws Exception {
        server.serve("/final.png", "image/png", ImageServer.PNG, false);
        server.redirect("/r1", 302, "/r2");
        server.redirect("/r2", 301, "http://images.example:" + server.port() + "/final.png");
        String url = server.url("/r1");

        assertArrayEquals(ImageServer.PNG, start(policy, url).get(20, TimeUnit.SECONDS).get(url).data());
        assertEquals(List.of(connectLine(server.port()), connectLine(server.port()), connectLine(server.port())),
                proxy.requests());
        List<ImageServer.Seen> seen = server.seen();
        assertEquals(List.of("/r1", "/r2", "/final.png"), seen.stream().map(ImageServer.Seen::path).toList());
        assertEquals(proxy.outboundPorts(), seen.stream().map(s -> s.from().getPort()).toList(),
                "each hop reached the server from the proxy");

        List<String> privateTargets = List.of("http://127.0.0.1:1/a.png", "http://10.0.0.1/a.png",
                "http://169.254.169.254/latest/meta-data/iam/", "http://metadata.example/", "http://[::1]:1/",
                "http://[::ffff:169.254.169.254]/", "http://intranet.example:8080/x.png");
        for (String target : privateTargets) {
            server.redirect("/to-private", 307, target);
            String message = refusedByTheGuard(policy, server.url("/to-private"));
            assertTrue(message.contains("reserved address"), target + ": " + message);
        }
        assertEquals(3 + privateTargets.size(), proxy.requests().size(),
                "only the first hop of each refused redirect reached the proxy");
        assertTrue(proxy.requests().stream().allMatch(connectLine(server.port())::equals), proxy.requests()::toString);
    }

    @Test
    void theDeadlineHoldsWhenTheProxyStalls() {
        proxy.mode(ForwardProxy.Mode.STALL);
        long start = System.nanoTime();
        ImageFetchException refused = refusal(policy.withTimeout(Duration.ofMillis(300)), server.url("/a.png"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(refused.getMessage().contains("did not answer in time"), refused.getMessage());
        assertEquals(400, refused.status());
        assertTrue(millis < 5_000, "took " + millis + " ms");
        assertEquals(List.of(connectLine(server.port())), proxy.requests());

        // An image host that stalls behind a working proxy times out the same way.
        proxy.mode(ForwardProxy.Mode.FORWARD);
        server.stall("/slow");
        start = System.nanoTime();
        String message = refusal(policy.withTimeout(Duration.ofMillis(400)), server.url("/slow")).getMessage();
        millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(message.contains("did not answer in time"), message);
        assertTrue(millis < 5_000, "took " + millis + " ms");
        assertEquals(1, server.hits("/slow"));
    }

    @Test
    void aProxyThatRefusesIsAClearGatewayErrorNotAHang() throws IOException {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        FetchPolicy noProxyListening = new FetchPolicy(16, 64 * 1024, 100 * 1024, 3, Duration.ofSeconds(30),
                URI.create("http://127.0.0.1:" + closedPort), Set.of()).allowingLoopbackForTests(server.port());
        long start = System.nanoTime();
        ImageFetchException refused = refusal(noProxyListening, server.url("/a.png"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertGatewayProxyError(refused, "could not connect to the gateway's image proxy");
        assertTrue(millis < 5_000, "took " + millis + " ms, the timeout is 30 s");
        assertTrue(!refused.getMessage().contains(String.valueOf(closedPort)), "the proxy's address stays private");

        proxy.refuse(403);
        assertGatewayProxyError(refusal(policy, server.url("/a.png")),
                "the gateway's image proxy refused the connection (HTTP 403)");
        proxy.refuse(407);
        assertGatewayProxyError(refusal(policy, server.url("/a.png")),
                "the gateway's image proxy refused the connection (HTTP 407)");
        proxy.mode(ForwardProxy.Mode.HANG_UP);
        assertGatewayProxyError(refusal(policy, server.url("/a.png")),
                "the gateway's image proxy closed the connection");
        assertEquals(0, server.hits("/a.png"));

        // The proxy works but cannot reach the image host: that is about the user's URL, a 400.
        proxy.mode(ForwardProxy.Mode.FORWARD);
        String message = refusedByTheGuard(policy.allowingLoopbackForTests(server.port(), closedPort),
                "http://127.0.0.1:" + closedPort + "/a.png");
        assertTrue(message.contains("could not connect to the image host (the gateway's image proxy answered HTTP 502)"),
                message);
    }

    private static void assertGatewayProxyError(ImageFetchException refused, String reason) {
        assertEquals(502, refused.status(), refused.getMessage());
        assertEquals("image_proxy_failed", refused.code());
        assertTrue(refused.getMessage().startsWith("Could not fetch image http://127.0.0.1:"), refused.getMessage());
        assertTrue(refused.getMessage().endsWith(": " + reason), refused.getMessage());
    }

    @Test
    void httpsIsTunnelledWithTlsEndToEnd() throws Exception {
        // A TLS "server" that records the ClientHello and answers with a fatal handshake_failure alert.
        try (ServerSocket tls = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> hello = CompletableFuture.supplyAsync(() -> {
                try (Socket s = tls.accept()) {
                    s.setSoTimeout(5_000);
                    InputStream in = s.getInputStream();
                    ByteArrayOutputStream got = new ByteArrayOutputStream();
                    byte[] header = in.readNBytes(5);
                    got.write(header);
                    got.write(in.readNBytes(((header[3] & 0xff) << 8) | (header[4] & 0xff)));
                    s.getOutputStream().write(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28});
                    s.getOutputStream().flush();
                    return got.toByteArray();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            String url = "https://images.example:" + tls.getLocalPort() + "/a.png";
            String message = refusedByTheGuard(policy.allowingLoopbackForTests(tls.getLocalPort()), url);
            assertTrue(message.contains("the TLS handshake with the image host failed"), message);
            assertEquals(List.of(connectLine(tls.getLocalPort())), proxy.requests());
            byte[] clientHello = hello.get(5, TimeUnit.SECONDS);
            assertEquals(0x16, clientHello[0], "a TLS handshake record came through the tunnel");
            assertTrue(new String(clientHello, StandardCharsets.ISO_8859_1).contains("images.example"),
                    "the ClientHello names the URL's host (SNI), not the address");
        }
    }
    /** An https:// USER_CONTENT_REQUEST_PROXY is spoken to in TLS before any CONNECT is sent. */
    @Test
    void anHttpsProxyGetsTlsBeforeTheConnect() throws Exception {
        server.serve("/a.png", "image/png", ImageServer.PNG, false);
        // A "proxy" that records what arrives first and refuses the handshake with a fatal alert.
        try (ServerSocket tlsProxy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<byte[]> first = CompletableFuture.supplyAsync(() -> {
                try (Socket s = tlsProxy.accept()) {
                    s.setSoTimeout(5_000);
                    byte[] header = s.getInputStream().readNBytes(5);
                    s.getOutputStream().write(new byte[] {0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28});
                    s.getOutputStream().flush();
                    return header;
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            FetchPolicy viaHttps = new FetchPolicy(16, 64 * 1024, 100 * 1024, 3, Duration.ofSeconds(5),
                    URI.create("https://127.0.0.1:" + tlsProxy.getLocalPort()), Set.of())
                    .allowingLoopbackForTests(server.port());

            ImageFetchException refused = refusal(viaHttps, "http://images.example:" + server.port() + "/a.png");

            assertEquals(502, refused.status(), refused.getMessage());
            assertEquals("image_proxy_failed", refused.code());
            assertEquals(0x16, first.get(5, TimeUnit.SECONDS)[0], "a TLS handshake record, not a CONNECT line");
            assertEquals(0, server.hits("/a.png"));
        }
    }
}
