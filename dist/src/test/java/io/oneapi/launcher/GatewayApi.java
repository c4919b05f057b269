package io.oneapi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The HTTP calls the multi-node tests make: One API's management API ({@code {success, message, data}}) with an
 * access token or a session cookie, and relay requests with an API key. Management calls carry a made-up
 * {@code X-Forwarded-For} (believed from loopback), so their rate-limit windows, shared through Redis, never mix
 * with other test runs on the same machine.
 */
final class GatewayApi {
    static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String forwardedFor = "10." + ThreadLocalRandom.current().nextInt(256) + "."
            + ThreadLocalRandom.current().nextInt(256) + "." + (1 + ThreadLocalRandom.current().nextInt(250));

    /** A management call that must succeed; returns {@code data}. {@code auth} is a cookie or an access token. */
    JsonNode admin(String method, String url, Object body, Credential auth) throws IOException, InterruptedException {
        HttpResponse<String> response = send(method, url, body, auth);
        assertEquals(200, response.statusCode(), method + " " + url + " -> " + response.body());
        JsonNode envelope = JSON.readTree(response.body());
        assertTrue(envelope.path("success").asBoolean(), method + " " + url + " -> " + response.body());
        return envelope.path("data");
    }

    /** Logs in and returns the session cookie. */
    Credential login(String adminBase, String username, String password) throws IOException, InterruptedException {
        HttpResponse<String> response = send("POST", adminBase + "/api/user/login",
                Map.of("username", username, "password", password), null);
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(JSON.readTree(response.body()).path("success").asBoolean(), response.body());
        String cookie = response.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("session=")).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + response.headers()));
        return new Credential("Cookie", cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length()
                : cookie.indexOf(';')));
    }

    HttpResponse<String> send(String method, String url, Object body, Credential auth)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("X-Forwarded-For", forwardedFor)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (auth != null) {
            request.header(auth.header(), auth.value());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET with an API key; returns the response (any status). */
    HttpResponse<String> relayGet(String url, String key) throws IOException, InterruptedException {
        return send("GET", url, null, Credential.apiKey(key));
    }

    /** A chat completion with an API key; returns the response (any status). */
    HttpResponse<String> chat(String proxyBase, String key, String model) throws IOException, InterruptedException {
        return send("POST", proxyBase + "/v1/chat/completions", Map.of("model", model,
                "messages", new Object[] {Map.of("role", "user", "content", "Hello")}), Credential.apiKey(key));
    }

    /** A request header that authenticates: a session cookie, an access token or an API key. */
    record Credential(String header, String value) {
        static Credential accessToken(String token) {
            return new Credential("Authorization", token);
        }

        static Credential apiKey(String key) {
            return new Credential("Authorization", "Bearer sk-" + key);
        }
    }
}
