package io.oneapi.admin;

import io.oneapi.admin.auth.RateLimits;
import io.oneapi.admin.http.ClientAddress;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.resource.ClassPathResourceManager;
import io.undertow.server.handlers.resource.ResourceHandler;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Serves the web UI from the classpath folder {@code io/oneapi/ui/} (the admin-ui jar): static assets cached
 * for a week, {@code index.html} for every other page (SPA fallback) and never cached. When no UI is
 * packaged, pages get a short plain-text note instead. Under the global web rate limit.
 */
final class UiHandler implements HttpHandler {
    static final String ROOT = "io/oneapi/ui/";
    static final String NOT_BUILT = "One API: the web UI is not built into this package. "
            + "The management API is available under /api/.\n";
    private static final int ASSET_CACHE_SECONDS = 604800;

    private final RateLimits rateLimits;
    private final ResourceHandler assets;
    private final byte[] index;

    UiHandler(ClassLoader loader, RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.index = readIndex(loader);
        this.assets = new ResourceHandler(new ClassPathResourceManager(loader, ROOT), this::serveIndex)
                .setWelcomeFiles() // "/" and folders fall through to serveIndex
                .setDirectoryListingEnabled(false)
                .setCacheTime(ASSET_CACHE_SECONDS);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (!rateLimits.allow(RateLimits.Kind.WEB, ClientAddress.of(exchange))) {
            exchange.setStatusCode(StatusCodes.TOO_MANY_REQUESTS);
            exchange.endExchange();
            return;
        }
        String path = exchange.getRelativePath();
        if (path.equals("/") || path.isEmpty() || path.equals("/index.html")) {
            serveIndex(exchange);
            return;
        }
        assets.handleRequest(exchange);
    }

    boolean uiPackaged() {
        return index != null;
    }

    private void serveIndex(HttpServerExchange exchange) {
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-cache");
        if (index == null) {
            exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; charset=utf-8");
            exchange.getResponseSender().send(NOT_BUILT, StandardCharsets.UTF_8);
            return;
        }
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
        exchange.getResponseSender().send(ByteBuffer.wrap(index));
    }

    private static byte[] readIndex(ClassLoader loader) {
        try (InputStream in = loader.getResourceAsStream(ROOT + "index.html")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the packaged UI's index.html", e);
        }
    }
}
