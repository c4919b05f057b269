package io.oneapi.plugin.china.zhipu;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The sampling parameters Zhipu accepts only within [0, 1] (One API clamps them for both API versions). */
final class ZhipuParameters {
    private ZhipuParameters() {
    }

    /** Clamps {@code temperature} and {@code top_p} of {@code body} in place, when present and numeric. */
    static void clamp(ObjectNode body) {
        for (String field : new String[] {"temperature", "top_p"}) {
            JsonNode value = body.get(field);
            if (value != null && value.isNumber()) {
                double clamped = Math.max(0, Math.min(1, value.asDouble()));
                if (clamped != value.asDouble()) {
                    body.put(field, clamped);
                }
            }
        }
    }
}
