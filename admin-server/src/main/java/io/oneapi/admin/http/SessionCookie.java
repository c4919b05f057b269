package io.oneapi.admin.http;

import io.oneapi.admin.auth.Session;
import io.oneapi.admin.auth.SessionCodec;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import io.undertow.util.HttpString;

import java.util.Optional;

/**
 * The {@code session} cookie of one exchange: HttpOnly, SameSite=Lax (so OAuth redirects back still carry
 * it), Path=/, Secure when the request came over HTTPS directly or through a proxy that says so.
 */
final class SessionCookie {
    static final String NAME = "session";
    private static final HttpString FORWARDED_PROTO = new HttpString("X-Forwarded-Proto");

    private final HttpServerExchange exchange;
    private final SessionCodec codec;
    private Optional<Session> current;

    SessionCookie(HttpServerExchange exchange, SessionCodec codec) {
        this.exchange = exchange;
        this.codec = codec;
    }

    Optional<Session> read() {
        if (current == null) {
            Cookie cookie = exchange.getRequestCookie(NAME);
            current = cookie == null ? Optional.empty() : codec.decode(cookie.getValue());
        }
        return current;
    }

    void write(Session session) {
        current = Optional.of(session);
        exchange.setResponseCookie(base(codec.encode(session)).setMaxAge((int) codec.maxAge().toSeconds()));
    }

    void clear() {
        current = Optional.empty();
        exchange.setResponseCookie(base("").setMaxAge(0));
    }

    private Cookie base(String value) {
        return new CookieImpl(NAME, value).setPath("/").setHttpOnly(true).setSameSiteMode("Lax")
                .setSecure(secure());
    }

    private boolean secure() {
        return "https".equalsIgnoreCase(exchange.getRequestScheme())
                || "https".equalsIgnoreCase(exchange.getRequestHeaders().getFirst(FORWARDED_PROTO));
    }
}
