package io.oneapi.plugin.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.ErrorClassifier;
import io.oneapi.spi.ErrorKind;

/**
 * Replicate's errors: HTTP problem details ({@code {"title", "detail", "status"}}) for refused calls: 401 a bad
 * token, 402 no credit left, 404 an unknown model, 422 an invalid input, 429 throttling; and the
 * {@code error} of a prediction that failed.
 */
final class ReplicateErrors {
    private ReplicateErrors() {
    }

    static String message(byte[] body) {
        JsonNode problem = Predictions.read(body);
        for (String field : new String[] {"detail", "error", "title"}) {
            String text = problem.path(field).asText("");
            if (!text.isEmpty()) {
                return text;
            }
        }
        return null;
    }

    static ErrorKind classify(int status, byte[] body) {
        if (status == 402) {
            return ErrorKind.QUOTA_EXHAUSTED;
        }
        String message = message(body);
        return ErrorClassifier.classify(status, "", "", message == null ? "" : message);
    }
}
