package io.oneapi.plugin.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.ErrorClassifier;
import io.oneapi.spi.ErrorKind;
import java.util.Locale;

/**
 * Classifies Google API errors ({@code {"error":{"code":429,"message":...,"status":"RESOURCE_EXHAUSTED",
 * "details":[{"reason":"API_KEY_INVALID"}]}}}, the google.rpc.Status JSON form) into the SPI's kinds. The
 * canonical status names decide, not the HTTP status: Google answers a bad API key with 400
 * INVALID_ARGUMENT and says so only in {@code details[].reason}.
 */
final class GoogleErrors {

    private GoogleErrors() {
    }

    static ErrorKind classify(int httpStatus, byte[] body) {
        JsonNode root = Json.parseLenient(body);
        if (root.isArray() && !root.isEmpty()) {
            root = root.get(0); // streamGenerateContent without alt=sse wraps everything in an array
        }
        JsonNode error = root.path("error");
        if (!error.isObject()) {
            return ErrorClassifier.classifyOpenAiStyle(httpStatus, body);
        }
        String status = error.path("status").asText("");
        String message = error.path("message").asText("");
        if (hasKeyReason(error.path("details"))) {
            return ErrorKind.AUTH_FAILED;
        }
        return switch (status) {
            case "RESOURCE_EXHAUSTED" -> ErrorKind.RATE_LIMITED;
            case "PERMISSION_DENIED", "UNAUTHENTICATED" -> ErrorKind.AUTH_FAILED;
            // "User location is not supported", "enable billing": nothing on this account works until the
            // operator acts, so the channel is treated as a dead key.
            case "FAILED_PRECONDITION" -> ErrorKind.AUTH_FAILED;
            case "INVALID_ARGUMENT", "OUT_OF_RANGE" -> invalidArgument(message);
            case "NOT_FOUND" -> ErrorKind.BAD_REQUEST;
            case "UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED", "UNKNOWN", "ABORTED" -> ErrorKind.UNAVAILABLE;
            default -> ErrorClassifier.classify(httpStatus, status, error.path("code").asText(""), message);
        };
    }

    private static ErrorKind invalidArgument(String message) {
        if (tooManyTokens(message)) {
            return ErrorKind.CONTEXT_TOO_LONG;
        }
        // A key rejected without ErrorInfo details still says so in the message ("API key not valid").
        return ErrorClassifier.classify(400, "", "", message) == ErrorKind.AUTH_FAILED
                ? ErrorKind.AUTH_FAILED : ErrorKind.BAD_REQUEST;
    }

    private static boolean hasKeyReason(JsonNode details) {
        for (JsonNode detail : details) {
            if (detail.path("reason").asText("").startsWith("API_KEY_")) {
                return true;
            }
        }
        return false;
    }

    /** "The input token count (1234567) exceeds the maximum number of tokens allowed (1048576)." */
    static boolean tooManyTokens(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return lower.contains("exceeds the maximum number of tokens")
                || (lower.contains("token count") && lower.contains("exceed"))
                || lower.contains("input context is too long");
    }
}
