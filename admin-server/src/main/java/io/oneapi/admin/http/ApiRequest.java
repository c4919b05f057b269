package io.oneapi.admin.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.admin.auth.AuthResult;
import io.oneapi.admin.auth.Session;
import io.oneapi.storage.User;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.PathTemplateMatch;

import java.io.IOException;
import java.util.Deque;
import java.util.Optional;

/**
 * One management API call as a route sees it: query and path parameters, the JSON body, the caller and
 * the session cookie. Runs on a worker thread.
 */
public final class ApiRequest {
    /** One API's {@code ItemsPerPage}. */
    public static final int PAGE_SIZE = 10;
    private static final int MAX_BODY_BYTES = 8 * 1024 * 1024;

    private final HttpServerExchange exchange;
    private final ApiContext context;
    private final SessionCookie cookie;
    private AuthResult auth;
    private byte[] body;

    ApiRequest(HttpServerExchange exchange, ApiContext context) {
        this.exchange = exchange;
        this.context = context;
        this.cookie = new SessionCookie(exchange, context.sessions());
    }

    /** First value of a query parameter, "" when absent. */
    public String query(String name) {
        Deque<String> values = exchange.getQueryParameters().get(name);
        return values == null || values.isEmpty() ? "" : values.getFirst();
    }

    /** An integer query parameter; refuses a value that is present but not a number. */
    public long queryLong(String name, long absent) {
        String value = query(name).trim();
        if (value.isEmpty()) {
            return absent;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new ApiFailure("invalid parameter: " + name);
        }
    }

    public int queryInt(String name, int absent) {
        long value = queryLong(name, absent);
        if (value != (int) value) {
            throw new ApiFailure("invalid parameter: " + name);
        }
        return (int) value;
    }

    /** The 0-based page {@code p}, lenient like One API: anything unreadable or negative is page 0. */
    public int pageOffset() {
        try {
            int p = Integer.parseInt(query("p").trim());
            return p < 0 ? 0 : Math.multiplyExact(p, PAGE_SIZE);
        } catch (NumberFormatException | ArithmeticException e) {
            return 0;
        }
    }

    /**
     * A numeric path parameter such as {@code :id}. Read from the matched template, never from the query string,
     * where a {@code ?id=} would otherwise shadow it.
     */
    public int pathInt(String name) {
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String value = match == null ? null : match.getParameters().get(name);
        try {
            return Integer.parseInt(value == null ? "" : value);
        } catch (NumberFormatException e) {
            throw new ApiFailure("invalid parameter: " + name);
        }
    }

    public byte[] bodyBytes() {
        if (body == null) {
            try {
                body = exchange.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
            } catch (IOException e) {
                throw new ApiFailure("invalid parameters");
            }
            if (body.length > MAX_BODY_BYTES) {
                throw new ApiFailure(413, "request body too large");
            }
        }
        return body;
    }

    /** The JSON body as {@code type}; a malformed body is refused with "invalid parameters". */
    public <T> T body(Class<T> type) {
        try {
            T value = context.json().read(bodyBytes(), type);
            if (value == null) {
                throw new ApiFailure("invalid parameters");
            }
            return value;
        } catch (IOException e) {
            throw new ApiFailure("invalid parameters");
        }
    }

    public JsonNode bodyTree() {
        try {
            JsonNode node = context.json().tree(bodyBytes());
            if (node == null || !node.isObject()) {
                throw new ApiFailure("invalid parameters");
            }
            return node;
        } catch (IOException e) {
            throw new ApiFailure("invalid parameters");
        }
    }

    /** The authenticated caller of a route that requires one. */
    public User caller() {
        AuthResult result = authenticate();
        if (!result.authenticated()) {
            throw new IllegalStateException("route has no caller");
        }
        return result.user();
    }

    /** The caller if the request carries valid credentials; for public routes that behave differently then. */
    public Optional<User> optionalCaller() {
        AuthResult result = authenticate();
        return result.authenticated() ? Optional.of(result.user()) : Optional.empty();
    }

    AuthResult authenticate() {
        if (auth == null) {
            auth = context.authenticator().authenticate(cookie.read(),
                    exchange.getRequestHeaders().getFirst(Headers.AUTHORIZATION));
        }
        return auth;
    }

    /** The current session, or a fresh anonymous one. */
    public Session session() {
        return cookie.read().orElseGet(context.sessions()::newSession);
    }

    /** Replaces the session cookie. */
    public void saveSession(Session session) {
        cookie.write(session);
    }

    public void clearSession() {
        cookie.clear();
    }

    /** Starts a logged-in session for {@code user}. */
    public void login(User user) {
        saveSession(session().withUser(user, context.sessions().credentialStamp(user.password()))
                .withExpiry(context.sessions().newSession().expiresAt()));
    }

    public String clientIp() {
        return ClientAddress.of(exchange);
    }

    public Json json() {
        return context.json();
    }
}
