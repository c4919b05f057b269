package io.oneapi.proxy.credential;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * The readable part of a token endpoint's refusal: OAuth2's {@code error} and {@code error_description}
 * (RFC 6749 section 5.2), or a google.rpc.Status {@code error.message}. Never the raw body, which may echo
 * what was sent.
 */
final class TokenErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CHARS = 200;

    private TokenErrors() {
    }

    static String detail(byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? null : JSON.readTree(body);
        } catch (IOException e) {
            return "";
        }
        if (root == null || !root.isObject()) {
            return "";
        }
        JsonNode error = root.path("error");
        String detail;
        if (error.isTextual()) {
            String description = root.path("error_description").asText("");
            detail = error.asText() + (description.isEmpty() ? "" : ": " + description);
        } else {
            detail = error.path("message").asText("");
        }
        return detail.length() <= MAX_CHARS ? detail : detail.substring(0, MAX_CHARS) + "...";
    }
}
