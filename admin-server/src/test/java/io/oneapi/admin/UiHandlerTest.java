package io.oneapi.admin;

import io.oneapi.admin.auth.RateLimits;
import io.oneapi.ratelimit.SlidingWindowRateLimiter;
import io.oneapi.config.GatewayConfig;
import io.oneapi.storage.ChangeSignal;
import io.oneapi.storage.OptionStore;
import io.oneapi.storage.options.LiveOptions;
import io.undertow.Undertow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The UI from the classpath: SPA fallback, cache headers, gzip, CSP, branding in index.html, theme selection with
 * fallback, and a plain note when no UI is packaged.
 */
class UiHandlerTest {
    private static final RateLimits NO_LIMITS = new RateLimits(new SlidingWindowRateLimiter(System::nanoTime),
            new GatewayConfig.RateLimitSettings(0, 0, Duration.ofSeconds(180), 0, Duration.ofMinutes(20)), false);
    private static final String INDEX = "<!doctype html><html><head><link rel=\"icon\" href=\"/logo.svg\" />"
            + "<title>One API</title></head><body><div id=\"root\"></div></body></html>";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private URLClassLoader loader;
    private Undertow server;
    private UiHandler handler;
    private LiveOptions options;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop();
        }
        if (loader != null) {
            loader.close();
        }
    }

    /** Options over a map: the real LiveOptions rules without a database. */
    private static LiveOptions options(Map<String, String> stored) {
        Map<String, String> rows = new ConcurrentHashMap<>(stored);
        OptionStore store = new OptionStore() {
            @Override
            public Map<String, String> loadAll() {
                return new HashMap<>(rows);
            }

            @Override
            public void put(String key, String value) {
                rows.put(key, value);
            }
        };
        ChangeSignal signal = new ChangeSignal() {
            @Override
            public void publish(Topic topic) {
            }

            @Override
            public void subscribe(Consumer<Topic> listener) {
            }
        };
        return LiveOptions.load(store, signal, Runnable::run, Map.of());
    }

    private static Path theme(Path root, String name) throws IOException {
        Path dir = Files.createDirectories(root.resolve("io/oneapi/ui/" + name + "/assets"));
        Files.writeString(dir.getParent().resolve("index.html"), INDEX.replace("root", "root-" + name));
        Files.writeString(dir.resolve("index-abc123.js"), "console.log('" + "x".repeat(4000) + "')");
        Files.writeString(dir.getParent().resolve("logo.svg"), "<svg/>");
        return dir;
    }

    private int start(Path classes, Map<String, String> stored) throws IOException {
        loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, null);
        options = options(stored);
        handler = new UiHandler(loader, NO_LIMITS, options);
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(handler).build();
        server.start();
        return ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    }

    private static HttpResponse<byte[]> send(int port, String method, String path, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String text(HttpResponse<byte[]> r) throws IOException {
        if ("gzip".equals(r.headers().firstValue("Content-Encoding").orElse(""))) {
            try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(r.body()))) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    private static String header(HttpResponse<?> r, String name) {
        return r.headers().firstValue(name).orElse("");
    }

    @Test
    void clientRoutesGetTheIndexNeverCachedWithCspAndBranding(@TempDir Path dir) throws Exception {
        theme(dir, "default");
        int port = start(dir, Map.of("SystemName", "Acme <AI> & \"Co\"", "Logo", "https://cdn.example/l.png"));
        for (String path : new String[] {"/", "/index.html", "/channel/edit/3", "/token", "/user/reset"}) {
            HttpResponse<byte[]> page = send(port, "GET", path, "Accept-Encoding", "gzip");
            assertEquals(200, page.statusCode(), path);
            String html = text(page);
            assertTrue(html.contains("root-default"), path + ": " + html);
            assertTrue(html.contains("<title>Acme &lt;AI&gt; &amp; &quot;Co&quot;</title>"), html);
            assertTrue(html.contains("href=\"https://cdn.example/l.png\""), html);
            assertEquals("no-cache", header(page, "Cache-Control"), path);
            assertTrue(header(page, "Content-Type").startsWith("text/html"), path);
            assertTrue(header(page, "Content-Security-Policy").contains("default-src 'self'"), path);
            assertEquals("nosniff", header(page, "X-Content-Type-Options"));
            assertEquals("SAMEORIGIN", header(page, "X-Frame-Options"));
        }
    }

    @Test
    void brandingFollowsOptionChangesWithoutARestartAndIgnoresScriptLogos(@TempDir Path dir) throws Exception {
        theme(dir, "default");
        int port = start(dir, Map.of());
        assertTrue(text(send(port, "GET", "/")).contains("<title>One API</title>"));
        options.update("SystemName", "Renamed");
        options.update("Logo", "javascript:alert(1)");
        String html = text(send(port, "GET", "/login"));
        assertTrue(html.contains("<title>Renamed</title>"), html);
        assertFalse(html.contains("javascript:"), html);
        assertTrue(html.contains("href=\"/logo.svg\""), html);
    }

    @Test
    void hashedAssetsAreCachedForAYearAndGzipped(@TempDir Path dir) throws Exception {
        theme(dir, "default");
        int port = start(dir, Map.of());
        HttpResponse<byte[]> js = send(port, "GET", "/assets/index-abc123.js", "Accept-Encoding", "gzip");
        assertEquals(200, js.statusCode());
        assertEquals(UiHandler.ASSET_CACHE, header(js, "Cache-Control"));
        assertEquals("gzip", header(js, "Content-Encoding"));
        assertTrue(js.body().length < 1000, "compressed to " + js.body().length);
        assertTrue(text(js).startsWith("console.log('xxx"));
        assertTrue(header(js, "Content-Type").contains("javascript"), header(js, "Content-Type"));

        HttpResponse<byte[]> plain = send(port, "GET", "/assets/index-abc123.js");
        assertEquals("", header(plain, "Content-Encoding"));
        assertEquals(4015, plain.body().length);

        HttpResponse<byte[]> logo = send(port, "GET", "/logo.svg");
        assertEquals(200, logo.statusCode());
        assertEquals("no-cache", header(logo, "Cache-Control"));
    }

    @Test
    void missingFilesAre404NotHtmlAndOtherMethodsAreNotTheSpa(@TempDir Path dir) throws Exception {
        theme(dir, "default");
        int port = start(dir, Map.of());
        HttpResponse<byte[]> stale = send(port, "GET", "/assets/index-old999.js");
        assertEquals(404, stale.statusCode());
        assertFalse(text(stale).contains("<html"), text(stale));
        assertEquals("no-store", header(stale, "Cache-Control"));
        assertEquals(404, send(port, "GET", "/favicon.ico").statusCode());

        HttpResponse<byte[]> post = send(port, "POST", "/token");
        assertEquals(404, post.statusCode());
        assertTrue(header(post, "Content-Type").startsWith("application/json"));
        assertTrue(text(post).contains("\"success\":false"));
        assertEquals(404, send(port, "DELETE", "/assets/index-abc123.js").statusCode());

        HttpResponse<byte[]> traversal = send(port, "GET", "/../../etc/passwd");
        assertFalse(text(traversal).contains("root:"), text(traversal));
        HttpResponse<byte[]> head = send(port, "HEAD", "/channel");
        assertEquals(200, head.statusCode());
    }

    @Test
    void themeComesFromTheOptionAndUnknownOnesFallBackToDefault(@TempDir Path dir) throws Exception {
        theme(dir, "default");
        theme(dir, "classic");
        int port = start(dir, Map.of("Theme", "berry"));
        assertEquals("default", handler.themeName());
        assertTrue(text(send(port, "GET", "/")).contains("root-default"));
        stop();

        ClassLoader classes = loader(dir);
        assertEquals("classic", UiTheme.resolve(classes, " Classic ").name());
        assertEquals("default", UiTheme.resolve(classes, "nonexistent").name());
        assertEquals("default", UiTheme.resolve(classes, "").name());
        assertEquals("io/oneapi/ui/classic/", UiTheme.resolve(classes, "classic").base());
    }

    private URLClassLoader loader(Path dir) throws IOException {
        loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
        server = null;
        return loader;
    }

    @Test
    void withoutAUiPagesSayItIsNotBuilt(@TempDir Path dir) throws Exception {
        int port = start(dir, Map.of());
        assertFalse(handler.uiPackaged());
        HttpResponse<byte[]> page = send(port, "GET", "/login");
        assertEquals(200, page.statusCode());
        assertEquals(UiHandler.NOT_BUILT, text(page));
        assertTrue(header(page, "Content-Type").startsWith("text/plain"));
        assertEquals(404, send(port, "GET", "/assets/app.js").statusCode());
    }

    @Test
    void theWebRateLimitCountsPagesButNotHashedAssets(@TempDir Path dir) throws Exception {
        theme(dir, "default");
        loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);
        RateLimits twoPages = new RateLimits(new SlidingWindowRateLimiter(System::nanoTime),
                new GatewayConfig.RateLimitSettings(0, 2, Duration.ofSeconds(180), 0, Duration.ofMinutes(20)), false);
        handler = new UiHandler(loader, twoPages, options(Map.of()));
        server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(handler).build();
        server.start();
        int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
        assertEquals(200, send(port, "GET", "/").statusCode());
        for (int i = 0; i < 5; i++) {
            assertEquals(200, send(port, "GET", "/assets/index-abc123.js").statusCode());
        }
        assertEquals(200, send(port, "GET", "/token").statusCode());
        assertEquals(429, send(port, "GET", "/channel").statusCode());
        assertEquals(429, send(port, "GET", "/logo.svg").statusCode());
    }

    @Test
    void recognisesFilesByTheExtensionOfTheLastSegment() {
        assertTrue(UiHandler.isStaticFile("/assets/index-1.js"));
        assertTrue(UiHandler.isStaticFile("/logo.svg"));
        assertFalse(UiHandler.isStaticFile("/channel/edit/3"));
        assertFalse(UiHandler.isStaticFile("/v1.2/page"));
        assertFalse(UiHandler.isStaticFile("/.hidden"));
        assertFalse(UiHandler.isStaticFile("/"));
    }
}
