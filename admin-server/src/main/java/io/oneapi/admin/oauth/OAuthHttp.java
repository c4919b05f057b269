package io.oneapi.admin.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.oneapi.admin.http.ApiFailure;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The few HTTP calls of the OAuth flows. The client must not follow redirects: a provider URL (or a root-set
 * WeChat server address) that redirects elsewhere must not carry our client secret or server token along.
 */
final class OAuthHttp {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final ObjectMapper mapper = JsonMapper.builder().build();

    OAuthHttp(HttpClient http) {
        this.http = http;
    }

    JsonNode postJson(URI url, Map<String, String> body, String provider) {
        try {
            return send(HttpRequest.newBuilder(url).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))), provider);
        } catch (IOException e) {
            throw unreachable(provider);
        }
    }

    JsonNode postForm(URI url, Map<String, String> form, String provider) {
        String encoded = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(url).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encoded)), provider);
    }

    /** GET with an {@code Authorization} header (a bearer token, or WeChat's server token). */
    JsonNode get(URI url, String authorization, String provider) {
        return send(HttpRequest.newBuilder(url).header("Authorization", authorization).GET(), provider);
    }

    private JsonNode send(HttpRequest.Builder builder, String provider) {
        HttpRequest request = builder.timeout(TIMEOUT).header("Accept", "application/json").build();
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new ApiFailure(provider + " answered HTTP " + response.statusCode());
            }
            return mapper.readTree(response.body());
        } catch (IOException e) {
            throw unreachable(provider);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(provider);
        }
    }

    private static ApiFailure unreachable(String provider) {
        return new ApiFailure("Cannot connect to the " + provider + " server, please try again later");
    }

    private static String enc(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }
}
