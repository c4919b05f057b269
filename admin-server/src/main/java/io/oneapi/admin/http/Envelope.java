package io.oneapi.admin.http;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One API's reply shape: {@code {success, message, data}}, plus the few extra top-level fields some routes
 * use (channel test {@code time}/{@code modelName}, balance). Always HTTP 200 unless a route says otherwise.
 */
public final class Envelope {
    private final Map<String, Object> fields = new LinkedHashMap<>();

    private Envelope(boolean success, String message) {
        fields.put("success", success);
        fields.put("message", message);
    }

    public static Envelope ok() {
        return new Envelope(true, "");
    }

    public static Envelope ok(Object data) {
        return ok().with("data", data);
    }

    public static Envelope fail(String message) {
        return new Envelope(false, message);
    }

    /** Adds or replaces a top-level field. */
    public Envelope with(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    public boolean success() {
        return Boolean.TRUE.equals(fields.get("success"));
    }

    public String message() {
        return (String) fields.get("message");
    }

    @JsonValue
    public Map<String, Object> fields() {
        return fields;
    }
}
