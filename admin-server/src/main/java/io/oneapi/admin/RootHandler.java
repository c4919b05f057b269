package io.oneapi.admin;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.encoding.ContentEncodingRepository;
import io.undertow.server.handlers.encoding.EncodingHandler;
import io.undertow.server.handlers.encoding.GzipEncodingProvider;

/**
 * {@code /api} and everything under it to the management API (gzip, as One API), every other path to the UI. Both
 * leave the IO thread first: the web rate limit may ask Redis, and the API reads the database.
 */
final class RootHandler implements HttpHandler {
    private final HttpHandler api;
    private final HttpHandler ui;

    RootHandler(HttpHandler api, HttpHandler ui) {
        this.api = new EncodingHandler(api, new ContentEncodingRepository()
                .addEncodingHandler("gzip", new GzipEncodingProvider(), 50));
        this.ui = ui;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String path = exchange.getRequestPath();
        if (path.equals("/api") || path.startsWith("/api/")) {
            api.handleRequest(exchange);
        } else if (exchange.isInIoThread()) {
            exchange.dispatch(ui);
        } else {
            ui.handleRequest(exchange);
        }
    }
}
