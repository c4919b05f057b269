package io.oneapi.plugin.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.FollowUp;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.Usage;
import java.nio.charset.StandardCharsets;

/**
 * Waiting for a prediction: created with {@code Prefer: wait}, most answers already hold the finished
 * prediction; one still {@code starting} or {@code processing} is polled at {@code urls.get} every 3 s, at most
 * {@link Predictions#MAX_POLLS} times.
 */
final class PredictionPolling {
    private final ExchangeContext context;
    private JsonNode prediction = Predictions.JSON.missingNode();
    private int polls;

    PredictionPolling(ExchangeContext context) {
        this.context = context;
    }

    /** Reads a prediction answer; the next poll, or null when it is final (or polling gave up). */
    FollowUp next(int status, byte[] body) {
        if (!read(status, body)) {
            return null;
        }
        String get = prediction.path("urls").path("get").asText("");
        if (Predictions.isFinal(prediction) || get.isEmpty() || polls >= Predictions.MAX_POLLS) {
            return null;
        }
        polls++;
        return new FollowUp(Predictions.get(context, get).build(), Predictions.POLL_INTERVAL);
    }

    /** Takes a successful answer as the latest state of the prediction; false for an error answer. */
    boolean read(int status, byte[] body) {
        if (status / 100 != 2) {
            return false;
        }
        prediction = Predictions.read(body);
        return true;
    }

    JsonNode prediction() {
        return prediction;
    }

    boolean succeeded() {
        return prediction.path("status").asText("").equals("succeeded");
    }

    /**
     * The failure to report for a prediction that did not succeed: Replicate's error answer as it is, the
     * {@code error} of a failed prediction, or a timeout; null when it succeeded.
     */
    TranslatedBody failure(int status, byte[] body) {
        if (status / 100 != 2) {
            return new TranslatedBody(status, body, Usage.NONE);
        }
        if (succeeded()) {
            return null;
        }
        if (!Predictions.isFinal(prediction)) {
            return problem(504, "the prediction did not finish after " + polls + " polls");
        }
        String error = prediction.path("error").asText("");
        return problem(500, "the prediction " + prediction.path("status").asText() + (error.isEmpty() ? "" : ": " + error));
    }

    private static TranslatedBody problem(int status, String detail) {
        String body = Predictions.JSON.createObjectNode().put("detail", detail).put("status", status).toString();
        return new TranslatedBody(status, body.getBytes(StandardCharsets.UTF_8), Usage.NONE);
    }
}
