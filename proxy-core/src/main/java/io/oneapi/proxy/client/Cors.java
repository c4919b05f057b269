package io.oneapi.proxy.client;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * CORS as One API's relay does it: any origin, any header, the usual methods. Browsers calling the relay
 * directly (chat front-ends) need it; credentials are API keys, never cookies, so "*" is safe here.
 */
final class Cors {
    private static final AsciiString ANY = AsciiString.cached("*");
    private static final AsciiString METHODS = AsciiString.cached("GET, POST, PUT, PATCH, DELETE, OPTIONS");
    private static final AsciiString MAX_AGE = AsciiString.cached("43200");

    private Cors() {
    }

    static void addTo(HttpHeaders headers) {
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, ANY);
    }

    /** Extra headers for a preflight answer. */
    static void addPreflight(HttpHeaders headers, String requestedHeaders) {
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, METHODS);
        headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                requestedHeaders == null || requestedHeaders.isEmpty() ? ANY : requestedHeaders);
        headers.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE);
    }
}
