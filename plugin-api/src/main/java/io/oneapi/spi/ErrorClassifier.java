package io.oneapi.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Locale;

/**
 * The default classification of upstream failures, following One API's disable criteria: status 401,
 * OpenAI error types and codes that mean a dead key, and the message phrases providers use for
 * exhausted credit.
 */
public final class ErrorClassifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> AUTH_TYPES = List.of("authentication_error", "permission_error", "forbidden");
    private static final List<String> AUTH_CODES = List.of("invalid_api_key", "account_deactivated");
    private static final List<String> DEAD_KEY_PHRASES = List.of(
            "your access was terminated", "violation of our policies", "organization has been disabled",
            "permission denied", "organization has been restricted", "api key not valid", "api key expired");
    private static final List<String> NO_CREDIT_PHRASES = List.of(
            "your credit balance is too low", "credit", "balance", "已欠费");
    private static final List<String> CONTEXT_PHRASES = List.of(
            "context_length_exceeded", "maximum context length", "context length", "too many tokens");

    private ErrorClassifier() {
    }

    /** Classifies an OpenAI-shaped (or unknown) error response. */
    public static ErrorKind classifyOpenAiStyle(int status, byte[] body) {
        String type = "";
        String code = "";
        String message = "";
        JsonNode error = parse(body).path("error");
        if (error.isObject()) {
            type = error.path("type").asText("");
            code = error.path("code").asText("");
            message = error.path("message").asText("");
        } else if (error.isTextual()) {
            message = error.asText();
        }
        return classify(status, type, code, message);
    }

    /** Classifies from already extracted fields; adapters with their own body format call this. */
    public static ErrorKind classify(int status, String type, String code, String message) {
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        if ("insufficient_quota".equals(type) || "insufficient_quota".equals(code)
                || containsAny(lower, NO_CREDIT_PHRASES)) {
            return ErrorKind.QUOTA_EXHAUSTED;
        }
        if (status == 401 || AUTH_TYPES.contains(type) || AUTH_CODES.contains(code)
                || containsAny(lower, DEAD_KEY_PHRASES)) {
            return ErrorKind.AUTH_FAILED;
        }
        if (status == 429) {
            return ErrorKind.RATE_LIMITED;
        }
        if ("context_length_exceeded".equals(code) || containsAny(lower, CONTEXT_PHRASES)) {
            return ErrorKind.CONTEXT_TOO_LONG;
        }
        if (status == 400 || status == 413 || status == 422) {
            return ErrorKind.BAD_REQUEST;
        }
        if (status >= 500 || status == 408) {
            return ErrorKind.UNAVAILABLE;
        }
        // A 404 is usually the channel's (an Azure deployment or a model it lacks): another channel may serve the
        // request, as One API retries it. A bare 403 (a region block, a WAF or content filter tripped by one
        // prompt) does not prove a dead key: disabling the channel on it would let one user take it down.
        return ErrorKind.UNKNOWN;
    }

    private static boolean containsAny(String text, List<String> phrases) {
        for (String phrase : phrases) {
            if (text.contains(phrase)) {
                return true;
            }
        }
        return false;
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException | RuntimeException e) {
            return JSON.missingNode();
        }
    }
}
