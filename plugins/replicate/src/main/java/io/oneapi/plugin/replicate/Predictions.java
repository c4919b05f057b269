package io.oneapi.plugin.replicate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.UpstreamRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Replicate's prediction API as both exchanges use it: creating a prediction of an official model at
 * {@code {base}/v1/models/{owner}/{name}/predictions}, reading the prediction object ({@code status},
 * {@code output}, {@code error}, {@code urls.get}, {@code urls.stream}, {@code metrics}), polling it.
 * One API's stored default base URL {@code https://api.replicate.com/v1/models/} works as well as the bare host.
 */
final class Predictions {
    static final ObjectMapper JSON = new ObjectMapper();
    /** One API polls every 3 s. */
    static final Duration POLL_INTERVAL = Duration.ofSeconds(3);
    /** Two minutes of polling at most, below the core's bound on follow-ups. */
    static final int MAX_POLLS = 40;

    private Predictions() {
    }

    static String createUrl(ExchangeContext context) {
        String base = context.channel().baseUrl().isBlank() ? ReplicateAdapter.DEFAULT_BASE_URL
                : context.channel().baseUrl().trim();
        base = base.replaceAll("/+$", "").replaceAll("/v1/models$", "");
        String model = context.upstreamModel();
        if (!model.matches("[\\w.-]+/[\\w.-]+")) {
            throw new IllegalArgumentException("Replicate models are named owner/name, not " + model);
        }
        return base + "/v1/models/" + model + "/predictions";
    }

    static UpstreamRequest.Builder create(ExchangeContext context, ObjectNode body) {
        return UpstreamRequest.builder("POST", createUrl(context))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + context.channel().key())
                .body(write(body));
    }

    /** A GET of a prediction URL Replicate named ({@code urls.get} or {@code urls.stream}), with the key. */
    static UpstreamRequest.Builder get(ExchangeContext context, String url) {
        return UpstreamRequest.builder("GET", url).header("Authorization", "Bearer " + context.channel().key());
    }

    static boolean isFinal(JsonNode prediction) {
        return switch (prediction.path("status").asText("")) {
            case "succeeded", "failed", "canceled" -> true;
            default -> false;
        };
    }

    static JsonNode read(byte[] body) {
        try {
            JsonNode node = body == null || body.length == 0 ? null : JSON.readTree(body);
            return node == null ? JSON.missingNode() : node;
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    static byte[] write(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
