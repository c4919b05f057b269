package io.oneapi.plugin.china.qwen;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.china.common.ErrorFormat;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.ProviderFailure;
import io.oneapi.spi.ErrorClassifier;
import io.oneapi.spi.ErrorKind;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * DashScope's error bodies: {@code {"code": "InvalidApiKey", "message": "...", "request_id": "..."}}, with
 * the HTTP status DashScope documents (401 InvalidApiKey, 429 Throttling*, 400 InvalidParameter,
 * DataInspectionFailed and Arrearage, 500 InternalError). A streaming request that fails at once gets the
 * same object framed as one server-sent event ({@code event:error}); both forms are read.
 */
final class QwenErrors {
    static final ErrorFormat FORMAT = body -> read(body, 0);

    private QwenErrors() {
    }

    /** The message of an error body, JSON or SSE-framed, or null when it is no DashScope error. */
    static String message(byte[] body) {
        ProviderFailure failure = read(json(body), 0);
        return failure == null ? null : failure.message();
    }

    static ProviderFailure read(JsonNode body, int status) {
        String code = body.path("code").asText("");
        if (code.isEmpty()) {
            return null;
        }
        String message = body.path("message").asText(code);
        return new ProviderFailure(kind(status, code, message), code, message);
    }

    static ErrorKind classify(int status, byte[] body) {
        ProviderFailure failure = read(json(body), status);
        return failure != null ? failure.kind() : ErrorClassifier.classifyOpenAiStyle(status, body);
    }

    private static ErrorKind kind(int status, String code, String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        if (code.equals("Arrearage") || lower.contains("free allocated quota exceeded")) {
            return ErrorKind.QUOTA_EXHAUSTED; // unpaid account, or a free quota used up without billing
        }
        if (code.equals("InvalidApiKey") || code.startsWith("AccessDenied")) {
            return ErrorKind.AUTH_FAILED;
        }
        if (code.startsWith("Throttling")) {
            return ErrorKind.RATE_LIMITED;
        }
        if (lower.contains("range of input length") || lower.contains("input length")
                || lower.contains("too long")) {
            return ErrorKind.CONTEXT_TOO_LONG;
        }
        if (code.startsWith("InvalidParameter") || code.equals("DataInspectionFailed")
                || code.startsWith("BadRequest")) {
            return ErrorKind.BAD_REQUEST;
        }
        return ErrorClassifier.classify(status == 0 ? 500 : status, "", code, message);
    }

    /** The body as JSON, or the {@code data:} of an SSE-framed error body. */
    private static JsonNode json(byte[] body) {
        JsonNode node = Json.read(body);
        if (!node.isMissingNode() || body == null) {
            return node;
        }
        for (String line : new String(body, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.startsWith("data:")) {
                return Json.read(line.substring(5).trim());
            }
        }
        return node;
    }
}
