package io.oneapi.plugin.china.qwen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.plugin.china.common.Json;
import io.oneapi.plugin.china.common.ProviderFailure;
import io.oneapi.plugin.china.common.RequestFields;
import io.oneapi.plugin.china.common.Stamp;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * An image generation on DashScope (wanx, Stable Diffusion): an asynchronous task, submitted with
 * {@code X-DashScope-Async: enable} and then polled at {@code /api/v1/tasks/{id}} until it ends, at most 20
 * times 2 s apart, as One API does. For {@code response_format: b64_json} the result images are then fetched
 * (without the key: they sit on a storage host) and base64-encoded. The core sends every request
 * ({@link FollowUps}); this exchange only decides what comes next. Image requests are billed per image by the
 * core, so no usage is reported.
 */
final class ImagesToWanxExchange implements ProviderExchange, FollowUps {
    static final String PATH = "/api/v1/services/aigc/text2image/image-synthesis";
    static final String TASKS_PATH = "/api/v1/tasks/";
    static final int MAX_POLLS = 20;
    static final Duration POLL_INTERVAL = Duration.ofSeconds(2);

    private enum Phase { SUBMITTED, POLLING, DOWNLOADING }

    private final ExchangeContext context;
    private final Stamp stamp;
    private Phase phase = Phase.SUBMITTED;
    private boolean base64;
    private String taskId = "";
    private int polls;
    private JsonNode task = Json.object();
    private final List<String> urls = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    ImagesToWanxExchange(ExchangeContext context, Stamp stamp) {
        this.context = context;
        this.stamp = stamp;
    }

    @Override
    public UpstreamRequest translateRequest(ClientRequest request) {
        JsonNode openAi = request.json();
        String prompt = openAi.path("prompt").asText("");
        if (prompt.isEmpty()) {
            throw new IllegalArgumentException("prompt is required");
        }
        base64 = "b64_json".equals(openAi.path("response_format").asText(""));
        String model = context.upstreamModel();
        ObjectNode body = Json.object().put("model", model.startsWith("ali-") ? model.substring(4) : model);
        ObjectNode input = body.putObject("input").put("prompt", prompt);
        RequestFields.copy(openAi, "negative_prompt", input, "negative_prompt");
        body.putObject("parameters")
                .put("size", openAi.path("size").asText("1024x1024").replace('x', '*'))
                .put("n", openAi.path("n").asInt(1));
        return QwenRequests.post(context, PATH).header("X-DashScope-Async", "enable")
                .body(Json.write(body)).build();
    }

    @Override
    public FollowUp followUp(int status, UpstreamHeaders headers, byte[] body) {
        switch (phase) {
            case SUBMITTED -> {
                taskId = Json.read(body).path("output").path("task_id").asText("");
                if (taskId.isEmpty()) {
                    return null; // an error or an unreadable answer: translateBody reports it
                }
                phase = Phase.POLLING;
                return poll(Duration.ZERO);
            }
            case POLLING -> {
                task = Json.read(body);
                String state = taskStatus();
                if (status / 100 == 2 && !state.isEmpty() && !isFinal(state)) {
                    return polls < MAX_POLLS ? poll(POLL_INTERVAL) : null;
                }
                if (status / 100 == 2 && state.equals("SUCCEEDED") && base64) {
                    task.path("output").path("results").forEach(r -> {
                        if (!r.path("url").asText("").isEmpty()) {
                            urls.add(r.path("url").asText());
                        }
                    });
                    phase = Phase.DOWNLOADING;
                    return urls.isEmpty() ? null : download();
                }
                return null;
            }
            default -> {
                if (status / 100 != 2) {
                    return null;
                }
                images.add(Base64.getEncoder().encodeToString(body));
                return images.size() < urls.size() ? download() : null;
            }
        }
    }

    private FollowUp poll(Duration delay) {
        polls++;
        UpstreamRequest request = UpstreamRequest.builder("GET", QwenRequests.base(context) + TASKS_PATH + taskId)
                .header("Authorization", "Bearer " + context.channel().key()).build();
        return new FollowUp(request, delay);
    }

    /** The next result image; no key goes with it, the URL is signed for a storage host. */
    private FollowUp download() {
        return FollowUp.now(UpstreamRequest.builder("GET", urls.get(images.size())).build());
    }

    private String taskStatus() {
        return task.path("output").path("task_status").asText("");
    }

    private static boolean isFinal(String state) {
        return switch (state) {
            case "SUCCEEDED", "FAILED", "CANCELED", "UNKNOWN" -> true;
            default -> false;
        };
    }

    @Override
    public StreamMode streamMode() {
        return StreamMode.TRANSLATE;
    }

    @Override
    public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
        if (phase == Phase.SUBMITTED) {
            return QwenErrors.FORMAT.refusal(Json.read(body), body, false); // no task: a failure either way
        }
        if (phase == Phase.DOWNLOADING && status / 100 != 2) {
            return failure("ImageDownloadFailed", "fetching the generated image failed with status " + status, 502);
        }
        String state = taskStatus();
        if (phase == Phase.POLLING && status / 100 != 2) {
            ProviderFailure failure = QwenErrors.read(task, status);
            return failure != null ? failure.asBody(body) : new TranslatedBody(status, body, Usage.NONE);
        }
        if (!state.equals("SUCCEEDED")) {
            if (!isFinal(state) && !state.isEmpty()) {
                return failure("TaskTimeout", "the image task did not finish after " + polls + " polls", 504);
            }
            return failure(task.path("output").path("code").asText("TaskFailed"),
                    task.path("output").path("message").asText("the image task ended " + state), 0);
        }
        ObjectNode reply = Json.object().put("created", stamp.created());
        ArrayNode data = reply.putArray("data");
        int index = 0;
        for (JsonNode result : task.path("output").path("results")) {
            String url = result.path("url").asText("");
            if (url.isEmpty()) {
                continue;
            }
            ObjectNode image = data.addObject().put("url", url);
            if (base64 && index < images.size()) {
                image.put("b64_json", images.get(index++));
            }
        }
        return new TranslatedBody(200, Json.write(reply), Usage.NONE);
    }

    /**
     * A DashScope-shaped error body, so the adapter classifies it like DashScope's own; with status 0 the
     * status follows from the classification.
     */
    private TranslatedBody failure(String code, String message, int status) {
        ObjectNode error = Json.object().put("code", code).put("message", message).put("request_id", taskId);
        int reported = status != 0 ? status : QwenErrors.read(error, 500).status();
        return new TranslatedBody(reported, Json.write(error), Usage.NONE);
    }

    @Override
    public String errorMessage(int status, byte[] body) {
        return QwenErrors.message(body);
    }
}
