package io.oneapi.admin.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

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

    /**
     * 404 with One API's OpenAI error {@code {"error":{"message":"Invalid URL (GET /api/x)",...}}}, and the
     * management API's {@code success:false} and {@code message} beside it for clients that read those.
     */
    public static void invalidUrl(HttpServerExchange exchange, Json json) {
        String message = "Invalid URL (" + exchange.getRequestMethod() + " " + exchange.getRequestPath() + ")";
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", "invalid_request_error");
        error.put("param", "");
        error.put("code", "not_found");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("success", false);
        body.put("message", message);
        json(exchange, 404, json.write(body));
    }

    /** One API answers an exceeded limit with 429 and an empty body. */
    public static void tooManyRequests(HttpServerExchange exchange) {
        exchange.setStatusCode(429);
        exchange.getResponseHeaders().put(Headers.CONTENT_LENGTH, 0);
        exchange.endExchange();
    }
}
