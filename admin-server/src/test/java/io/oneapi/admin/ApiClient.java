package io.oneapi.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/**
 * A management API client as a browser or script uses it: a cookie jar of its own, optionally an
 * {@code Authorization} header.
 */
final class ApiClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final URI base;
    private final HttpClient http;
    private final String authorization;

    private ApiClient(URI base, HttpClient http, String authorization) {
        this.base = base;
        this.http = http;
        this.authorization = authorization;
    }

    static ApiClient to(int port) {
        return new ApiClient(URI.create("http://127.0.0.1:" + port),
                HttpClient.newBuilder().cookieHandler(new CookieManager()).build(), null);
    }

    /** The same cookie jar with an {@code Authorization} header on every request. */
    ApiClient withAuthorization(String value) {
        return new ApiClient(base, http, value);
    }

    /** A client with its own empty cookie jar and no header. */
    ApiClient fresh() {
        return new ApiClient(base, HttpClient.newBuilder().cookieHandler(new CookieManager()).build(), null);
    }

    Reply get(String path) {
        return send(builder(path).GET());
    }

    /** A GET with a hand-made Cookie header (the jar is bypassed by using a fresh client). */
    Reply getWithCookie(String path, String cookie) {
        return send(builder(path).header("Cookie", cookie).GET());
    }

    /** A GET as a browser sends it for a page of {@code site} ("cross-site", "same-origin", ...): the jar's cookie. */
    Reply getFromSite(String path, String site) {
        return send(builder(path).header("Sec-Fetch-Site", site).GET());
    }

    Reply delete(String path) {
        return send(builder(path).DELETE());
    }

    Reply post(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").POST(json(body)));
    }

    Reply put(String path, Object body) {
        return send(builder(path).header("Content-Type", "application/json").PUT(json(body)));
    }

    Reply postRaw(String path, String body) {
        return send(builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Reply putRaw(String path, String body) {
        return send(builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Logs in with a password; fails the test unless it worked. */
    Reply login(String username, String password) {
        Reply reply = post("/api/user/login", java.util.Map.of("username", username, "password", password));
        if (!reply.success()) {
            throw new AssertionError("login of " + username + " failed: " + reply.body());
        }
        return reply;
    }

    HttpResponse<String> raw(String path) {
        try {
            return http.send(builder(path).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private HttpRequest.Builder builder(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b;
    }

    private static HttpRequest.BodyPublisher json(Object body) {
        try {
            return HttpRequest.BodyPublishers.ofByteArray(MAPPER.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private Reply send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.body().isEmpty() ? MAPPER.missingNode() : MAPPER.readTree(response.body());
            return new Reply(response.statusCode(), body, response.headers().firstValue("Set-Cookie"));
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A reply: HTTP status, parsed JSON (missing node when empty) and the Set-Cookie header if any. */
    record Reply(int status, JsonNode body, Optional<String> setCookie) {
        boolean success() {
            return status == 200 && body.path("success").asBoolean(false);
        }

        String message() {
            return body.path("message").asText();
        }

        JsonNode data() {
            return body.path("data");
        }
    }
}
