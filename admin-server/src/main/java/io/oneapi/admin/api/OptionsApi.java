package io.oneapi.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.storage.options.InvalidOptionException;
import io.oneapi.storage.options.LiveOptions;

import java.util.List;
import java.util.Map;

/**
 * Runtime options (inventory section 7.5), root only. The list never includes secrets ({@code *Token},
 * {@code *Secret}, {@code *SecretKey}, so unlike One API not {@code TurnstileSecretKey} either). An update is
 * validated before anything is stored and applies at once through {@link LiveOptions} and the change signal.
 */
public final class OptionsApi {
    private final LiveOptions options;

    public OptionsApi(LiveOptions options) {
        this.options = options;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/option/", Access.ROOT, this::list)
                .put("/api/option/", Access.ROOT, this::update);
    }

    Envelope list(ApiRequest req) {
        List<Map<String, String>> rows = options.current().publicValues().entrySet().stream()
                .map(e -> Map.of("key", e.getKey(), "value", e.getValue())).toList();
        return Envelope.ok(rows);
    }

    Envelope update(ApiRequest req) {
        JsonNode body;
        try {
            body = req.bodyTree();
        } catch (ApiFailure e) {
            throw new ApiFailure(400, "invalid parameters"); // One API answers a malformed body with 400
        }
        JsonNode key = body.get("key");
        JsonNode value = body.get("value");
        if (key == null || !key.isTextual() || key.asText().isEmpty() || value == null || value.isContainerNode()) {
            throw new ApiFailure(400, "invalid parameters");
        }
        // The UI sends text; scripts may send true or 5, which mean the same.
        String text = value.isNull() ? "" : value.asText();
        try {
            options.update(key.asText(), text);
        } catch (InvalidOptionException e) {
            throw new ApiFailure(e.getMessage());
        }
        return Envelope.ok();
    }
}
