package io.oneapi.storage.options;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes the ratio options: JSON objects of name to non-negative number. */
final class RatioJson {
    private static final Logger log = LoggerFactory.getLogger(RatioJson.class);
    // Configured once and never changed: safe to share between threads.
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonWriteFeature.ESCAPE_NON_ASCII)
            .build();

    private RatioJson() {
    }

    /** The map, or null when {@code json} is not an object of names to finite non-negative numbers. */
    static Map<String, Double> parseStrict(String json) {
        JsonNode root = read(json);
        if (root == null || !root.isObject()) {
            return null;
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (!isRatio(e.getKey(), e.getValue())) {
                return null;
            }
            ratios.put(e.getKey(), e.getValue().doubleValue());
        }
        return Collections.unmodifiableMap(ratios);
    }

    /**
     * Reads a value already stored (possibly by One API itself): entries that are not valid ratios are dropped
     * with a warning instead of failing the whole map. Null when the text is not a JSON object at all.
     */
    static Map<String, Double> parseLenient(String key, String json) {
        JsonNode root = read(json);
        if (root == null || !root.isObject()) {
            return null;
        }
        Map<String, Double> ratios = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            if (isRatio(e.getKey(), e.getValue())) {
                ratios.put(e.getKey(), e.getValue().doubleValue());
            } else {
                // e.g. One API's "openrouter/auto": -500000, which would credit users instead of charging them
                log.warn("{}: ignoring stored entry {} = {} (not a non-negative number)", key, e.getKey(), e.getValue());
            }
        }
        return ratios;
    }

    /** Compact JSON; integral values without a fraction, others in plain decimal notation. */
    static String write(Map<String, Double> ratios) {
        ObjectNode node = JSON.createObjectNode();
        ratios.forEach((name, ratio) -> {
            BigDecimal exact = BigDecimal.valueOf(ratio).stripTrailingZeros();
            node.put(name, exact.scale() < 0 ? exact.setScale(0) : exact);
        });
        try {
            return JSON.writer().with(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write ratio JSON", e);
        }
    }

    private static boolean isRatio(String name, JsonNode value) {
        return !name.isEmpty() && value.isNumber() && Double.isFinite(value.doubleValue()) && value.doubleValue() >= 0;
    }

    private static JsonNode read(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            JsonNode root = JSON.readTree(parser);
            // Trailing content after the object ("{} x") is invalid too.
            return parser.nextToken() == null ? root : null;
        } catch (IOException e) {
            return null;
        }
    }
}
