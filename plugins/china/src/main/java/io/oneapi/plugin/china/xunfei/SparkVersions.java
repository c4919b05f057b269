package io.oneapi.plugin.china.xunfei;

import java.util.Map;

/**
 * Which Spark API version, domain and WebSocket path serve a model (One API's relay/adaptor/xunfei/domain.go,
 * after iFlytek's Web API document): the six named models, else the text after the model name's first
 * {@code -} ({@code SparkDesk-v3.5}), else the channel's {@code api_version}, else v1.1.
 */
final class SparkVersions {
    private static final Map<String, String> MODEL_VERSIONS = Map.of(
            "Spark-Lite", "v1.1",
            "Spark-Pro", "v3.1",
            "Spark-Pro-128K", "v3.1-128K",
            "Spark-Max", "v3.5",
            "Spark-Max-32K", "v3.5-32K",
            "Spark-4.0-Ultra", "v4.0");
    private static final Map<String, String> DOMAINS = Map.of(
            "v1.1", "lite",
            "v2.1", "generalv2",
            "v3.1", "generalv3",
            "v3.1-128K", "pro-128k",
            "v3.5", "generalv3.5",
            "v3.5-32K", "max-32k",
            "v4.0", "4.0Ultra");

    private SparkVersions() {
    }

    static String version(String model, String configured) {
        String known = MODEL_VERSIONS.get(model);
        if (known != null) {
            return known;
        }
        int dash = model.indexOf('-');
        if (dash >= 0 && dash < model.length() - 1) {
            return model.substring(dash + 1);
        }
        return configured == null || configured.isBlank() ? "v1.1" : configured.trim();
    }

    static String domain(String version) {
        return DOMAINS.getOrDefault(version, "general" + version);
    }

    /** The WebSocket path of a version: {@code /{version}/chat}, but Pro-128K and Max-32K have their own. */
    static String path(String version) {
        return switch (version) {
            case "v3.1-128K" -> "/chat/pro-128k";
            case "v3.5-32K" -> "/chat/max-32k";
            default -> "/" + version + "/chat";
        };
    }

    /** Whether the domain takes function definitions ({@code payload.functions}). */
    static boolean takesFunctions(String domain) {
        return domain.startsWith("generalv3") || domain.equals("4.0Ultra");
    }
}
