package io.oneapi.admin.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.nio.ByteBuffer;

/** Low-level response writing shared by the API handlers. */
public final class Replies {
    private Replies() {
    }

    public static void json(HttpServerExchange exchange, int status, byte[] body) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
        exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
        exchange.getResponseSender().send(ByteBuffer.wrap(body));
    }

    /** One API answers an exceeded limit with 429 and an empty body. */
    public static void tooManyRequests(HttpServerExchange exchange) {
        exchange.setStatusCode(429);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }
}
