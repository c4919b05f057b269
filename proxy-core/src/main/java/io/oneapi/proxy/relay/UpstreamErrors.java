package io.oneapi.proxy.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.proxy.client.OpenAiError;

/**
 * Turns an upstream error response into the error the client sees (inventory section 1.5): an OpenAI error
 * object from the upstream passes through with the upstream status; anything else becomes an
 * {@code upstream_error} carrying the best message found in the body.
 */
final class UpstreamErrors {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[][] MESSAGE_PATHS = {
        {"error", "message"}, {"message"}, {"msg"}, {"err"}, {"error_msg"}, {"header", "message"},
        {"response", "error", "message"}, {"error"}, {"detail"}
    };

    private UpstreamErrors() {
    }

    static OpenAiError fromResponse(int status, byte[] body, String adapterMessage) {
        int clientStatus = status >= 200 && status < 300 ? 500 : status;
        JsonNode root = parse(body);
        JsonNode error = root.path("error");
        if (error.isObject() && !error.path("message").asText("").isEmpty()) {
            JsonNode code = error.path("code");
            return new OpenAiError(clientStatus, error.path("message").asText(),
                    error.path("type").asText("upstream_error"), error.path("param").asText(""),
                    code.isMissingNode() || code.isNull() ? null : code.asText());
        }
        String message = adapterMessage;
        if (message == null || message.isEmpty()) {
            message = firstMessage(root);
        }
        if (message == null || message.isEmpty()) {
            message = "bad response status code " + status;
        }
        return new OpenAiError(clientStatus, message, "upstream_error", Integer.toString(status),
                "bad_response_status_code");
    }

    /** The error for a transport failure (connect refused, reset, timeout) before any response. */
    static OpenAiError transport(Throwable cause) {
        if (cause instanceof java.util.concurrent.TimeoutException) {
            return OpenAiError.gateway(504, "upstream_timeout", "The upstream did not answer in time.");
        }
        String detail = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return OpenAiError.gateway(502, "do_request_failed", "Request to the upstream failed: " + detail);
    }

    private static String firstMessage(JsonNode root) {
        for (String[] path : MESSAGE_PATHS) {
            JsonNode node = root;
            for (String step : path) {
                node = node.path(step);
            }
            if (node.isTextual() && !node.asText().isEmpty()) {
                return node.asText();
            }
        }
        return null;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = body == null || body.length == 0 ? null : JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (java.io.IOException e) {
            return JSON.missingNode();
        }
    }
}
