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
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The guarded fetcher against a loopback server. The test policy opens only that server's port; names
 * are resolved by a fake resolver so private DNS answers can be tested without a DNS server.
 */
class ImageFetcherTest {
    private ImageServer server;
    private EventLoopGroup group;
    private ExecutorService blocking;
    private FetchPolicy policy;

    @BeforeEach
    void start() {
        server = new ImageServer();
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        blocking = Executors.newFixedThreadPool(2);
        policy = new FetchPolicy(16, 64 * 1024, 100 * 1024, 3, Duration.ofSeconds(5), null, Set.of())
                .allowingLoopbackForTests(server.port());
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
        blocking.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    private ImageFetcher fetcher(FetchPolicy p) {
        return new ImageFetcher(group, NioSocketChannel.class, blocking, p, ImageFetcherTest::resolve);
    }

    /** Fake DNS: a few names with fixed answers, IP literals as themselves. */
    static InetAddress[] resolve(String host) throws UnknownHostException {
        return switch (host) {
            case "images.example" -> addresses("127.0.0.1");
            case "intranet.example" -> addresses("10.0.0.5");
            case "metadata.example" -> addresses("169.254.169.254");
            case "mixed.example" -> addresses("127.0.0.1", "192.168.1.20");
            case "nowhere.example" -> throw new UnknownHostException(host);
            // What a permissive resolver (glibc's inet_aton) makes of numeric spellings of 127.0.0.2.
            case "2130706434", "0x7f000002", "017700000002" -> addresses("127.0.0.2");
            case "localhost" -> addresses("127.0.0.1", "::1");
            case "metadata.google.internal" -> addresses("169.254.169.254");
            default -> InetAddress.getAllByName(host);
        };
    }

    private static InetAddress[] addresses(String... literals) throws UnknownHostException {
        InetAddress[] all = new InetAddress[literals.length];
        for (int i = 0; i < literals.length; i++) {
            all[i] = InetAddress.getByName(literals[i]);
        }
        return all;
    }

    private Map<String, InlineImage> fetch(String... urls) throws Exception {
        return fetcher(policy).fetchAll(List.of(urls)).get(20, TimeUnit.SECONDS);
    }

    private String refusal(FetchPolicy p, String... urls) {
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> fetcher(p).fetchAll(List.of(urls)).get(20, TimeUnit.SECONDS));
        ImageFetchException refused = assertInstanceOfFetch(failure.getCause());
        assertEquals(400, refused.status());
        assertEquals("image_fetch_failed", refused.code());
        return refused.getMessage();
    }

    private String refusal(String... urls) {
        return refusal(policy, urls);
    }

    private static ImageFetchException assertInstanceOfFetch(Throwable t) {
        assertTrue(t instanceof ImageFetchException, "expected an ImageFetchException, got " + t);
        return (ImageFetchException) t;
    }

    @Test
    void fetchesImagesAndTakesTheMediaTypeFromTheBytes() throws Exception {
        server.serve("/a.png", "application/octet-stream", ImageServer.PNG, false);
        byte[] gif = "GIF89a-tiny-gif".getBytes(StandardCharsets.US_ASCII);
        server.serve("/b", "image/gif", gif, true);
        Map<String, InlineImage> images = fetch(server.url("/a.png"), "http://images.example:" + server.port() + "/b");
        assertEquals("image/png", images.get(server.url("/a.png")).mediaType());
        assertArrayEquals(ImageServer.PNG, images.get(server.url("/a.png")).data());
        InlineImage second = images.get("http://images.example:" + server.port() + "/b");
        assertEquals("image/gif", second.mediaType());
        assertArrayEquals(gif, second.data());
    }

    @Test
    void aDeclaredImageTypeIsKeptWhenTheBytesAreNotRecognised() throws Exception {
        byte[] svg = "<svg xmlns='http://www.w3.org/2000/svg'/>".getBytes(StandardCharsets.UTF_8);
        server.serve("/x.svg", "image/svg+xml; charset=utf-8", svg, false);
        assertEquals("image/svg+xml", fetch(server.url("/x.svg")).get(server.url("/x.svg")).mediaType());
    }

    @Test
    void refusesLoopbackPrivateAndMetadataAddresses() {
        FetchPolicy publicOnly = policy.allowingLoopbackForTests();
        server.serve("/a.png", "image/png", ImageServer.PNG, false);
        for (String url : List.of(server.url("/a.png"), "http://[::1]:" + server.port() + "/a.png",
                "http://10.1.2.3/a.png", "http://169.254.169.254/latest/meta-data/", "http://[fd00:ec2::254]/",
                "http://[::ffff:192.168.0.1]/", "http://0.0.0.0:" + server.port() + "/a.png",
                "http://intranet.example/a.png", "https://metadata.example/computeMetadata/v1/")) {
            String message = refusal(publicOnly, url);
            assertTrue(message.contains("private, loopback or otherwise reserved address"), message);
            assertTrue(message.startsWith("Could not fetch image " + url), message);
        }
        assertEquals(0, server.hits("/a.png"), "nothing may reach the loopback server without the test policy");
    }

    /** reliability.md #1: loopback spelled as numbers, localhost and cloud metadata names are all refused. */
    @Test
    void refusesNumericLoopbackSpellingsLocalhostAndMetadataNames() {
        FetchPolicy publicOnly = policy.allowingLoopbackForTests();
        server.serve("/a.png", "image/png", ImageServer.PNG, false);
        int port = server.port();
        for (String url : List.of("http://2130706434:" + port + "/a.png", "http://0x7f000002:" + port + "/a.png",
                "http://017700000002:" + port + "/a.png", "http://localhost:" + port + "/a.png",
                "http://[::ffff:127.0.0.2]:" + port + "/a.png", "http://metadata.google.internal/computeMetadata/v1/")) {
            String message = refusal(publicOnly, url);
            assertTrue(message.contains("reserved address"), url + ": " + message);
        }
        assertEquals(0, server.hits("/a.png"));
    }

    /** DNS rebinding: the connection goes to the address that was checked; the name is not looked up again. */
    @Test
    void connectsToTheCheckedAddressWithoutASecondLookup() throws Exception {
        server.serve("/a.png", "image/png", ImageServer.PNG, false);
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        ImageFetcher rebinding = new ImageFetcher(group, NioSocketChannel.class, blocking, policy, host ->
                lookups.incrementAndGet() == 1 ? addresses("127.0.0.1") : addresses("10.0.0.5"));
        String url = "http://rebind.example:" + server.port() + "/a.png";
        assertArrayEquals(ImageServer.PNG, rebinding.fetchAll(List.of(url)).get(20, TimeUnit.SECONDS).get(url).data());
        assertEquals(1, lookups.get(), "one lookup, and the connection used its answer");
    }

    @Test
    void refusesAHostWhenAnyOfItsAddressesIsPrivate() {
        server.serve("/a.png", "image/png", ImageServer.PNG, false);
        String message = refusal("http://mixed.example:" + server.port() + "/a.png");
        assertTrue(message.contains("reserved address"), message);
        assertEquals(0, server.hits("/a.png"));
    }

    @Test
    void followsRedirectsCheckingEveryHop() throws Exception {
        server.serve("/final.png", "image/png", ImageServer.PNG, false);
        server.redirect("/r1", 302, "/r2");
        server.redirect("/r2", 301, server.url("/final.png"));
        assertArrayEquals(ImageServer.PNG, fetch(server.url("/r1")).get(server.url("/r1")).data());
        assertEquals(1, server.hits("/final.png"));

        for (String target : List.of("http://127.0.0.1:1/a.png", "http://[::1]:1/a.png", "http://10.0.0.1/a.png",
                "http://169.254.169.254/latest/meta-data/iam/", "http://metadata.example/",
                "http://[::ffff:169.254.169.254]/")) {
            server.redirect("/to-private", 307, target);
            String message = refusal(server.url("/to-private"));
            assertTrue(message.contains("reserved address"), target + ": " + message);
        }
    }

    @Test
    void refusesRedirectsToOtherSchemesAndEndlessRedirects() {
        server.redirect("/to-file", 302, "file:///etc/passwd");
        assertTrue(refusal(server.url("/to-file")).contains("only http and https"));
        server.redirect("/loop", 302, "/loop");
        assertTrue(refusal(server.url("/loop")).contains("more than 3 redirects"));
        assertEquals(4, server.hits("/loop"), "the first request and three redirects");
    }

    @Test
    void refusesNonImagesEarly() {
        byte[] page = "<html><body>not an image</body></html>".repeat(1000).getBytes(StandardCharsets.UTF_8);
        server.serve("/page", "text/html; charset=utf-8", page, true);
        String message = refusal(server.url("/page"));
        assertTrue(message.contains("does not point to an image (content type text/html)"), message);
        server.serve("/empty", "image/png", new byte[0], false);
        assertTrue(refusal(server.url("/empty")).contains("empty"));
    }

    @Test
    void enforcesThePerImageAndPerRequestSizeLimits() {
        byte[] big = Arrays.copyOf(ImageServer.PNG, 70 * 1024);
        server.serve("/declared", "image/png", big, false);
        server.serve("/chunked", "image/png", big, true);
        assertTrue(refusal(server.url("/declared")).contains("larger than 65536 bytes"));
        assertTrue(refusal(server.url("/chunked")).contains("larger than 65536 bytes"));

        byte[] medium = Arrays.copyOf(ImageServer.PNG, 40 * 1024);
        server.serve("/m1", "image/png", medium, true);
        server.serve("/m2", "image/png", medium, true);
        server.serve("/m3", "image/png", medium, true);
        String message = refusal(server.url("/m1"), server.url("/m2"), server.url("/m3"));
        assertTrue(message.contains("larger than 102400 bytes in total"), message);
    }

    @Test
    void givesUpAtTheDeadline() {
        server.stall("/slow");
        long start = System.nanoTime();
        String message = refusal(policy.withTimeout(Duration.ofMillis(300)), server.url("/slow"));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(message.contains("did not answer in time"), message);
        assertTrue(millis < 5_000, "took " + millis + " ms");
    }

    @Test
    void reportsUpstreamStatusesUnknownHostsAndClosedPorts() {
        server.status("/missing", 404);
        assertTrue(refusal(server.url("/missing")).contains("answered HTTP 404"));
        assertTrue(refusal("http://nowhere.example/a.png").contains("could not be resolved"));
        FetchPolicy closedPort = policy.allowingLoopbackForTests(1);
        assertTrue(refusal(closedPort, "http://127.0.0.1:1/a.png").contains("could not connect"));
        assertTrue(refusal("http://user:secret@images.example/a.png").contains("not valid"));
    }

    @Test
    void refusesTooManyImagesBeforeFetchingAny() {
        server.serve("/a.png", "image/png", ImageServer.PNG, false);
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 17; i++) {
            urls.add(server.url("/a.png") + "?n=" + i);
        }
        String message = refusal(urls.toArray(String[]::new));
        assertTrue(message.contains("at most 16 image URLs"), message);
        assertEquals(0, server.hits("/a.png"));
    }

    @Test
    void aFailedImageFailsTheWholeRequest() {
        server.serve("/a.png", "image/png", ImageServer.PNG, false);
        server.status("/gone", 410);
        String message = refusal(server.url("/a.png"), server.url("/gone"));
        assertTrue(message.contains(server.url("/gone")) && message.contains("HTTP 410"), message);
    }

    @Test
    void anOverloadedExecutorIsAGatewayError() {
        ExecutorService full = Executors.newSingleThreadExecutor();
        full.shutdown();
        ImageFetcher fetcher = new ImageFetcher(group, NioSocketChannel.class, full, policy,
                ImageFetcherTest::resolve);
        ExecutionException failure = assertThrows(ExecutionException.class,
                () -> fetcher.fetchAll(List.of(server.url("/a.png"))).get(5, TimeUnit.SECONDS));
        ImageFetchException refused = assertInstanceOfFetch(failure.getCause());
        assertEquals(503, refused.status());
    }
}
