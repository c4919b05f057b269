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
 */
final class BuiltInRatios {
    static final Map<String, Double> MODEL = load("model-ratio.json");
    static final Map<String, Double> COMPLETION = load("completion-ratio.json");
    static final Map<String, Double> GROUP = Map.of("default", 1.0, "vip", 1.0, "svip", 1.0);

    static final String MODEL_JSON = RatioJson.write(MODEL);
    static final String COMPLETION_JSON = RatioJson.write(COMPLETION);
    static final String GROUP_JSON = "{\"default\":1,\"vip\":1,\"svip\":1}";

    private BuiltInRatios() {
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
