package io.oneapi.plugin.assorted.coze;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.assorted.common.JsonBodies;
import io.oneapi.plugin.assorted.common.ProviderErrors;
import io.oneapi.spi.ErrorClassifier;
import io.oneapi.spi.ErrorKind;
import java.util.List;
import java.util.Locale;

/**
 * Coze's error bodies: {@code {"code", "msg"}} at the top level of a unary answer, or
 * {@code error_information} in a stream event. Coze publishes no stable code table for the v2 API, so a
 * failed token is recognised by its message.
 */
final class CozeErrors {
    private static final List<String> AUTH_PHRASES = List.of("authentication", "unauthorized", "access token",
            "invalid token", "token is invalid", "token expired", "token has expired");

    private CozeErrors() {
    }

    static String message(byte[] body) {
        return ProviderErrors.text(JsonBodies.parse(body), "msg", "message", "error_information.msg");
    }

    /**
     * The HTTP status to report for a Coze error carried in a 200 body: 401 for an authentication
     * failure (so the channel can be disabled), else 500 (retried on another channel).
     */
    static int statusOf(JsonNode reply) {
        return isAuthFailure(reply.path("msg").asText("")) ? 401 : 500;
    }

    static ErrorKind classify(int status, byte[] body) {
        String message = message(body);
        if (message != null && isAuthFailure(message)) {
            return ErrorKind.AUTH_FAILED;
        }
        return ErrorClassifier.classify(status, "", "", message);
    }

    private static boolean isAuthFailure(String message) {
        String lower = message.toLowerCase(Locale.ROOT);
        return AUTH_PHRASES.stream().anyMatch(lower::contains);
    }
}
