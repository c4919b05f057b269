package io.oneapi.admin.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Cloudflare Turnstile's siteverify call ({@code secret}, {@code response}, {@code remoteip} as a form),
 * against a configurable URL so tests can point it at a local fake. Any transport error counts as a failed check.
 */
public final class TurnstileVerifier {
    public static final URI CLOUDFLARE = URI.create("https://challenges.cloudflare.com/turnstile/v0/siteverify");
    private static final Logger log = LoggerFactory.getLogger(TurnstileVerifier.class);

    private final HttpClient http;
    private final URI verifyUrl;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    public TurnstileVerifier(HttpClient http, URI verifyUrl) {
        this.http = http;
        this.verifyUrl = verifyUrl;
    }

    public boolean verify(String secret, String token, String remoteIp) {
        String form = "secret=" + enc(secret) + "&response=" + enc(token) + "&remoteip=" + enc(remoteIp);
        HttpRequest request = HttpRequest.newBuilder(verifyUrl)
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return response.statusCode() == 200 && mapper.readTree(response.body()).path("success").asBoolean(false);
        } catch (IOException e) {
            log.warn("Turnstile verification failed: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
