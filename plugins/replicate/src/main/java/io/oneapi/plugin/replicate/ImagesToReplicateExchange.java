package io.oneapi.plugin.replicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.FollowUp;
import io.oneapi.spi.FollowUps;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An image generation by a Replicate image model (FLUX, Stable Diffusion, Ideogram, Recraft) with One API's
 * input: 25 steps, guidance 3, safety tolerance 5, one 1440x1440 image. The prediction is created with
 * {@code Prefer: wait} and polled if it is not done. Its output URLs are returned as they are, or, for
 * {@code response_format: b64_json}, fetched and base64-encoded (as raw base64, OpenAI's form; One API
 * prefixed a data URI and converted to PNG, which needs image decoding this plugin does not do).
 */
final class ImagesToReplicateExchange implements ProviderExchange, FollowUps {
    private final ExchangeContext context;
    private final PredictionPolling polling;
    private final long created;
    private boolean base64;
    private final List<String> urls = new ArrayList<>();
    private final List<String> images = new ArrayList<>();
    private boolean downloading;

    ImagesToReplicateExchange(ExchangeContext context, long created) {
        this.context = context;
        this.polling = new PredictionPolling(context);
        this.created = created;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        JsonNode openAi = request.json();
        String prompt = openAi.path("prompt").asText("");
        if (prompt.isEmpty()) {
            throw new IllegalArgumentException("prompt is required");
        }
        if (openAi.path("n").asInt(1) > 1) {
            throw new IllegalArgumentException("Replicate image models make one image per request (n=1)");
        }
        base64 = "b64_json".equals(openAi.path("response_format").asText(""));
        ObjectNode body = Predictions.JSON.createObjectNode();
        body.putObject("input").put("steps", 25).put("prompt", prompt).put("guidance", 3)
                .put("safety_tolerance", 5).put("n_images", 1).put("width", 1440).put("height", 1440)
                .put("aspect_ratio", "1:1");
        return Predictions.create(context, body).header("Prefer", "wait").build();
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public FollowUp followUp(int status, UpstreamHeaders headers, byte[] body) {
        if (downloading) {
            if (status / 100 != 2) {
                return null;
            }
            images.add(Base64.getEncoder().encodeToString(body));
            return images.size() < urls.size() ? download() : null;
        }
        FollowUp poll = polling.next(status, body);
        if (poll != null || !base64 || !polling.succeeded()) {
            return poll;
        }
        urls.addAll(outputUrls(polling.prediction().path("output")));
        downloading = !urls.isEmpty();
        return downloading ? download() : null;
    }

    /** The next output file; public delivery URLs, fetched without the key. */
    private FollowUp download() {
        return FollowUp.now(UpstreamRequest.builder("GET", urls.get(images.size())).build());
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        if (downloading) {
            if (status / 100 != 2) {
                String detail = "{\"detail\":\"fetching the generated image failed with status " + status + "\"}";
                return new TranslatedBody(502, detail.getBytes(java.nio.charset.StandardCharsets.UTF_8), Usage.NONE);
            }
        } else {
            polling.read(status, body);
        }
        TranslatedBody failure = downloading ? null : polling.failure(status, body);
        if (failure != null) {
            return failure;
        }
        ObjectNode reply = Predictions.JSON.createObjectNode().put("created", created);
        ArrayNode data = reply.putArray("data");
        List<String> output = outputUrls(polling.prediction().path("output"));
        for (int i = 0; i < output.size(); i++) {
            ObjectNode image = data.addObject().put("url", output.get(i));
            if (base64 && i < images.size()) {
                image.put("b64_json", images.get(i));
            }
        }
        return new TranslatedBody(200, Predictions.write(reply), Usage.NONE);
    }

    /** Replicate's image output: one URL, or a list of them. */
    private static List<String> outputUrls(JsonNode output) {
        List<String> found = new ArrayList<>();
        if (output.isTextual()) {
            found.add(output.asText());
        } else {
            output.forEach(url -> found.add(url.asText("")));
        }
        found.removeIf(String::isEmpty);
        return found;
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return ReplicateErrors.message(body);
    }
}
