package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.spi.ErrorClassifier;
import io.oneapi.spi.ErrorKind;
import java.io.IOException;
import java.util.Locale;

/**
 * Anthropic error bodies, {@code {"type":"error","error":{"type":...,"message":...}}}, classified for retry
 * and automatic disable: {@code overloaded_error} (529) and {@code api_error} are transient, a prompt that
 * is too long is the client's, credit and billing problems exhaust the key.
 */
final class ClaudeErrors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ClaudeErrors() {
    }

    static ErrorKind classify(int status, byte[] body) {
        JsonNode error = parseOrMissing(body).path("error");
        String type = error.path("type").asText("");
        String message = error.path("message").asText("").toLowerCase(Locale.ROOT);
        if ("overloaded_error".equals(type) || "api_error".equals(type) || status == 529) {
            return ErrorKind.UNAVAILABLE;
        }
        if ("rate_limit_error".equals(type)) {
            return ErrorKind.RATE_LIMITED;
        }
        if (message.contains("prompt is too long") || message.contains("context window")
                || message.contains("input length and `max_tokens` exceed context limit")) {
            return ErrorKind.CONTEXT_TOO_LONG;
        }
        if ("billing_error".equals(type) || message.contains("credit balance") || message.contains("billing")) {
            return ErrorKind.QUOTA_EXHAUSTED;
        }
        if ("authentication_error".equals(type) || "permission_error".equals(type)) {
            return ErrorKind.AUTH_FAILED;
        }
        if ("invalid_request_error".equals(type) || "not_found_error".equals(type)
                || "request_too_large".equals(type)) {
            return ErrorKind.BAD_REQUEST;
        }
        return ErrorClassifier.classify(status, type, "", message);
    }

    /** {@code error.message}, or null when the body is not an Anthropic error. */
    static String message(byte[] body) {
        String message = parseOrMissing(body).path("error").path("message").asText("");
        return message.isEmpty() ? null : message;
    }

    /** The body as JSON, or a missing node when it is empty or not JSON. */
    static JsonNode parseOrMissing(byte[] body) {
        try {
            JsonNode node = body == null || body.length == 0 ? null : JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }
}
