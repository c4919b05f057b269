package io.oneapi.admin;

import io.oneapi.admin.auth.RateLimits;
import io.oneapi.admin.http.ClientAddress;
import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.options.OptionKey;
import io.oneapi.storage.options.Options;
import io.undertow.predicate.Predicate;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.encoding.ContentEncodingRepository;
import io.undertow.server.handlers.encoding.EncodingHandler;
import io.undertow.server.handlers.encoding.GzipEncodingProvider;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.HeaderMap;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * Serves the web UI of the chosen {@link UiTheme} from the classpath (the admin-ui jar), gzip-compressed:
 * <ul>
 *   <li>{@code /assets/*} (content-hashed names) cached for a year as immutable;</li>
 *   <li>any other path whose last segment has an extension is a static file, revalidated on every use, and a
 *       404 when missing (a stale chunk name must not receive HTML);</li>
 *   <li>every other GET/HEAD is a client-side route and gets {@code index.html}, never cached (SPA fallback);</li>
 *   <li>other methods get a JSON 404, as One API's NoRoute.</li>
 * </ul>
 * Pages carry a Content-Security-Policy and the usual hardening headers. Pages and other files count against the
 * global web rate limit; hashed assets do not.
 */
final class UiHandler implements HttpHandler {
    static final String NOT_BUILT = "One API: the web UI is not built into this package. "
            + "The management API is available under /api/.\n";
    static final String ASSET_CACHE = "public, max-age=31536000, immutable";
    /** antd injects style elements at run time, hence 'unsafe-inline' for styles only; Turnstile needs its host. */
    static final String CSP = "default-src 'self'; script-src 'self' https://challenges.cloudflare.com; "
            + "style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: https: http:; font-src 'self' data:; "
            + "connect-src 'self' https://challenges.cloudflare.com; frame-src 'self' https: http:; "
            + "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'";
    private static final Set<String> PRECOMPRESSED = Set.of("png", "jpg", "jpeg", "gif", "webp", "ico", "woff",
            "woff2", "gz", "zip");
    private static final HttpString CSP_HEADER = new HttpString("Content-Security-Policy");
    private static final HttpString NOSNIFF = new HttpString("X-Content-Type-Options");
    private static final HttpString REFERRER = new HttpString("Referrer-Policy");
    private static final HttpString FRAME_OPTIONS = new HttpString("X-Frame-Options");

    private final RateLimits rateLimits;
    private final LiveOptions options;
    private final UiTheme theme;
    private final IndexPage index;
    private final HttpHandler compressed;

    UiHandler(ClassLoader loader, RateLimits rateLimits, LiveOptions options) {
        this.rateLimits = rateLimits;
        this.options = options;
        this.theme = UiTheme.resolve(loader, options.current().get(OptionKey.THEME));
        this.index = theme.packaged() ? new IndexPage(theme.index()) : null;
        ResourceHandler files = new ResourceHandler(new ClassPathResourceManager(loader, theme.base()),
                UiHandler::missingFile)
                .setWelcomeFiles()
                .setDirectoryListingEnabled(false);
        HttpHandler route = exchange -> {
            if (isStaticFile(exchange.getRelativePath()) && !exchange.getRelativePath().equals("/index.html")) {
                exchange.getResponseHeaders().put(Headers.CACHE_CONTROL,
                        exchange.getRelativePath().startsWith("/assets/") ? ASSET_CACHE : "no-cache");
                files.handleRequest(exchange);
            } else {
                serveIndex(exchange);
            }
        };
        Predicate compressible = exchange -> !PRECOMPRESSED.contains(extension(exchange.getRelativePath()));
        this.compressed = new EncodingHandler(route, new ContentEncodingRepository()
                .addEncodingHandler("gzip", new GzipEncodingProvider(), 50, compressible));
    }

    String themeName() {
        return theme.name();
    }

    boolean uiPackaged() {
        return theme.packaged();
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        // Content-hashed assets are exempt: one page load fetches dozens of them (then caches them for a year), and
        // counting each would spend One API's 240-per-3-minutes web budget in a few clicks.
        if (!exchange.getRelativePath().startsWith("/assets/")
                && !rateLimits.allow(RateLimits.Kind.WEB, ClientAddress.of(exchange))) {
            exchange.setStatusCode(StatusCodes.TOO_MANY_REQUESTS);
            exchange.endExchange();
            return;
        }
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(NOSNIFF, "nosniff");
        headers.put(REFERRER, "same-origin");
        headers.put(FRAME_OPTIONS, "SAMEORIGIN");
        if (!Methods.GET.equals(exchange.getRequestMethod()) && !Methods.HEAD.equals(exchange.getRequestMethod())) {
            exchange.setStatusCode(StatusCodes.NOT_FOUND);
            headers.put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
            exchange.getResponseSender().send("{\"success\":false,\"message\":\"not found\"}", StandardCharsets.UTF_8);
            return;
        }
        compressed.handleRequest(exchange);
    }

    private void serveIndex(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getResponseHeaders();
        headers.put(Headers.CACHE_CONTROL, "no-cache");
        if (index == null) {
            headers.put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getResponseSender().send(NOT_BUILT, StandardCharsets.UTF_8);
            return;
        }
        Options o = options.current();
        headers.put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        headers.put(CSP_HEADER, CSP);
        exchange.getResponseSender().send(ByteBuffer.wrap(index.render(o.get(OptionKey.SYSTEM_NAME),
                o.get(OptionKey.LOGO))));
    }

    private static void missingFile(HttpServerExchange exchange) {
        exchange.setStatusCode(StatusCodes.NOT_FOUND);
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
        exchange.getResponseSender().send("not found\n", StandardCharsets.UTF_8);
    }

    /** A path whose last segment has an extension names a file; anything else is a client-side route. */
    static boolean isStaticFile(String path) {
        return !extension(path).isEmpty();
    }

    private static String extension(String path) {
        String last = path.substring(path.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot <= 0 || dot == last.length() - 1 ? "" : last.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
