package io.oneapi.admin;

import io.oneapi.admin.auth.RateLimits;
import io.oneapi.admin.auth.SlidingWindowRateLimiter;
import io.oneapi.config.GatewayConfig;
import io.undertow.Undertow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The UI from the classpath: assets cached, SPA fallback to index.html, a plain note when no UI is packaged. */
class UiHandlerTest {
    private static final RateLimits NO_LIMITS = new RateLimits(new SlidingWindowRateLimiter(System::nanoTime),
            new GatewayConfig.RateLimitSettings(0, 0, Duration.ofSeconds(180), 0, Duration.ofMinutes(20)), false);

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Undertow serve(ClassLoader loader) {
        Undertow u = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(new UiHandler(loader, NO_LIMITS))
                .build();
        u.start();
        return u;
    }

    private static int port(Undertow u) {
        return ((InetSocketAddress) u.getListenerInfo().get(0).getAddress()).getPort();
    }

    @Test
    void packagedUiIsServedWithSpaFallback(@TempDir Path dir) throws Exception {
        Path ui = Files.createDirectories(dir.resolve("io/oneapi/ui/static"));
        Files.writeString(ui.getParent().resolve("index.html"), "<html>app</html>");
        Files.writeString(ui.resolve("app.js"), "console.log(1)");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            Undertow u = serve(loader);
            try {
                int port = port(u);
                HttpResponse<String> index = get(port, "/");
                assertEquals("<html>app</html>", index.body());
                assertEquals("no-cache", index.headers().firstValue("Cache-Control").orElseThrow());
                HttpResponse<String> deep = get(port, "/channel/edit/3");
                assertEquals("<html>app</html>", deep.body());
                HttpResponse<String> asset = get(port, "/static/app.js");
                assertEquals("console.log(1)", asset.body());
                assertTrue(asset.headers().firstValue("Cache-Control").orElseThrow().contains("604800"));
                assertEquals("<html>app</html>", get(port, "/../../etc/passwd").body());
            } finally {
                u.stop();
            }
        }
    }

    @Test
    void withoutAUiPagesSayItIsNotBuilt(@TempDir Path dir) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            Undertow u = serve(loader);
            try {
                HttpResponse<String> page = get(port(u), "/login");
                assertEquals(200, page.statusCode());
                assertEquals(UiHandler.NOT_BUILT, page.body());
                assertTrue(page.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
            } finally {
                u.stop();
            }
        }
    }
}
