package io.oneapi.storage.options;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One API's built-in ratio tables (relay/billing/ratio/model.go): 565 model ratios and the explicit completion
 * ratios, kept as JSON resources next to this class. One API's {@code "openrouter/auto": -500000} placeholder is
 * left out on purpose: a negative ratio would credit the user on every request.
 *
 * <p>The {@code *-additions.json} resources add models that our provider plugins list by default but One API's
 * table lacks, priced from the providers' public list prices (ratio 1 = $0.002 per 1K tokens). Without them those
 * defaults would cost One API's fallback ratio of 30, $60 per million tokens.
 */
final class BuiltInRatios {
    static final Map<String, Double> ONE_API_MODEL = load("model-ratio.json");
    static final Map<String, Double> MODEL = merge(ONE_API_MODEL, load("model-ratio-additions.json"));
    static final Map<String, Double> COMPLETION = merge(load("completion-ratio.json"),
            load("completion-ratio-additions.json"));
    static final Map<String, Double> GROUP = Map.of("default", 1.0, "vip", 1.0, "svip", 1.0);

    static final String MODEL_JSON = RatioJson.write(MODEL);
    static final String COMPLETION_JSON = RatioJson.write(COMPLETION);
    static final String GROUP_JSON = "{\"default\":1,\"vip\":1,\"svip\":1}";

    private BuiltInRatios() {
    }

    /** {@code base} with {@code additions}, which must not redefine a model the base prices. */
    private static Map<String, Double> merge(Map<String, Double> base, Map<String, Double> additions) {
        Map<String, Double> merged = new java.util.LinkedHashMap<>(base);
        additions.forEach((model, ratio) -> {
            if (merged.putIfAbsent(model, ratio) != null) {
                throw new IllegalStateException("ratio addition " + model + " is already in One API's table");
            }
        });
        return java.util.Collections.unmodifiableMap(merged);
    }

    private static Map<String, Double> load(String resource) {
        try (InputStream in = BuiltInRatios.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            Map<String, Double> ratios = RatioJson.parseStrict(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (ratios == null) {
                throw new IllegalStateException("invalid ratio resource " + resource);
            }
            return ratios;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
