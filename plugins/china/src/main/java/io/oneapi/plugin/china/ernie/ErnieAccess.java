package io.oneapi.plugin.china.ernie;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.china.common.Digests;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.KeyParts;
import io.oneapi.spi.AccessToken;
import io.oneapi.spi.UpstreamRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Baidu's OAuth client-credentials grant: the channel key {@code API_KEY|SECRET_KEY} is exchanged at
 * {@code {base}/oauth/2.0/token} for an access token valid {@code expires_in} seconds (30 days). The core
 * performs the call and caches the token; this only builds the request and reads the answer. The token
 * endpoint lives on the API host, so a channel base URL that proxies Baidu proxies both.
 */
final class ErnieAccess {
    private final String key;
    private final String base;
    private AccessToken token;

    ErnieAccess(String key, String base) {
        this.key = key;
        this.base = base;
    }

    String credentialKey() {
        return Digests.fingerprint("baidu", key);
    }

    UpstreamRequest tokenRequest() {
        String[] parts = KeyParts.split(key, '|', 2, "API_KEY|SECRET_KEY");
        String url = base + "/oauth/2.0/token?grant_type=client_credentials&client_id="
                + URLEncoder.encode(parts[0], StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(parts[1], StandardCharsets.UTF_8);
        return UpstreamRequest.builder("POST", url).header("Accept", "application/json").build();
    }

    /** {@code {"access_token": "24.x", "expires_in": 2592000, ...}} or {@code {"error", "error_description"}}. */
    static AccessToken parse(byte[] body) {
        JsonNode answer = Json.read(body);
        String value = answer.path("access_token").asText("");
        if (value.isEmpty()) {
            String error = answer.path("error").asText("no access_token");
            String description = answer.path("error_description").asText("");
            throw new IllegalArgumentException(description.isEmpty() ? error : error + ": " + description);
        }
        long seconds = answer.path("expires_in").asLong(0);
        return new AccessToken(value, Duration.ofSeconds(seconds > 0 ? seconds : 3600));
    }

    void use(AccessToken accessToken) {
        this.token = accessToken;
    }

    /** The {@code access_token} query parameter for an API call. */
    String query() {
        if (token == null) {
            throw new IllegalStateException("no Baidu access token was provided before the request");
        }
        return "access_token=" + URLEncoder.encode(token.value(), StandardCharsets.UTF_8);
    }
}
