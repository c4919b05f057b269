package io.oneapi.plugin.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.ErrorClassifier;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.UpstreamHeaders;
import java.util.Locale;

/**
 * Bedrock's errors: the type in the {@code x-amzn-ErrorType} header (or {@code __type} in the body), the
 * text in {@code message} (or {@code Message}). Throttling and quota are rate limits, signature and access
 * problems are the key's, model and service failures are transient.
 */
final class BedrockErrors {
    private BedrockErrors() {
    }

    static ErrorKind classify(int status, UpstreamHeaders headers, byte[] body) {
        JsonNode root = ClaudeErrors.parseOrMissing(body);
        String type = type(headers.get("x-amzn-ErrorType"), root);
        String message = message(root);
        String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return switch (type) {
            case "ThrottlingException", "ServiceQuotaExceededException", "TooManyRequestsException" ->
                    ErrorKind.RATE_LIMITED;
            case "AccessDeniedException", "UnrecognizedClientException", "InvalidSignatureException",
                 "InvalidClientTokenId", "ExpiredTokenException", "MissingAuthenticationTokenException",
                 "NotAuthorized" -> ErrorKind.AUTH_FAILED;
            case "ValidationException" -> lower.contains("too long") || lower.contains("context length")
                    || lower.contains("too many tokens") ? ErrorKind.CONTEXT_TOO_LONG : ErrorKind.BAD_REQUEST;
            case "ResourceNotFoundException" -> ErrorKind.BAD_REQUEST;
            case "ModelTimeoutException", "ModelErrorException", "ModelNotReadyException", "ModelStreamErrorException",
                 "InternalServerException", "ServiceUnavailableException", "IncompleteSignature",
                 "RequestExpired" -> ErrorKind.UNAVAILABLE;
            default -> ErrorClassifier.classify(status, type, "", lower);
        };
    }

    static String message(byte[] body) {
        return message(ClaudeErrors.parseOrMissing(body));
    }

    private static String message(JsonNode root) {
        String message = root.path("message").asText(root.path("Message").asText(""));
        return message.isEmpty() ? null : message;
    }

    /** {@code ThrottlingException:http://internal...} or {@code com.amazon...#ThrottlingException}: the name. */
    private static String type(String header, JsonNode root) {
        String raw = header != null && !header.isBlank() ? header : root.path("__type").asText("");
        int colon = raw.indexOf(':');
        if (colon >= 0) {
            raw = raw.substring(0, colon);
        }
        int hash = raw.lastIndexOf('#');
        return (hash >= 0 ? raw.substring(hash + 1) : raw).strip();
    }
}
