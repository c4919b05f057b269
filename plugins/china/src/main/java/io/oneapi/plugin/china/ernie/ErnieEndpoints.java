package io.oneapi.plugin.china.ernie;

import java.util.Locale;
import java.util.Map;

/**
 * Which wenxinworkshop endpoint serves a model (One API's table, relay/adaptor/baidu/adaptor.go): chat models
 * under {@code chat/}, the embedding models ({@code Embedding*}, {@code bge-large*}, {@code tao-8k*}) under
 * {@code embeddings/}; a model the table does not know goes to its lower-cased name.
 */
final class ErnieEndpoints {
    private static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("ERNIE-4.0", "completions_pro"),
            Map.entry("ERNIE-Bot-4", "completions_pro"),
            Map.entry("ERNIE-Bot", "completions"),
            Map.entry("ERNIE-Bot-turbo", "eb-instant"),
            Map.entry("ERNIE-Speed", "ernie_speed"),
            Map.entry("ERNIE-4.0-8K", "completions_pro"),
            Map.entry("ERNIE-3.5-8K", "completions"),
            Map.entry("ERNIE-3.5-8K-0205", "ernie-3.5-8k-0205"),
            Map.entry("ERNIE-3.5-8K-1222", "ernie-3.5-8k-1222"),
            Map.entry("ERNIE-Bot-8K", "ernie_bot_8k"),
            Map.entry("ERNIE-3.5-4K-0205", "ernie-3.5-4k-0205"),
            Map.entry("ERNIE-Speed-8K", "ernie_speed"),
            Map.entry("ERNIE-Speed-128K", "ernie-speed-128k"),
            Map.entry("ERNIE-Lite-8K-0922", "eb-instant"),
            Map.entry("ERNIE-Lite-8K-0308", "ernie-lite-8k"),
            Map.entry("ERNIE-Tiny-8K", "ernie-tiny-8k"),
            Map.entry("BLOOMZ-7B", "bloomz_7b1"),
            Map.entry("Embedding-V1", "embedding-v1"),
            Map.entry("bge-large-zh", "bge_large_zh"),
            Map.entry("bge-large-en", "bge_large_en"),
            Map.entry("tao-8k", "tao_8k"));

    private ErnieEndpoints() {
    }

    /** The path below {@code wenxinworkshop/}, e.g. {@code chat/completions_pro} or {@code embeddings/tao_8k}. */
    static String path(String model) {
        String kind = isEmbedding(model) ? "embeddings/" : "chat/";
        return kind + NAMES.getOrDefault(model, model.toLowerCase(Locale.ROOT));
    }

    static boolean isEmbedding(String model) {
        return model.startsWith("Embedding") || model.startsWith("bge-large") || model.startsWith("tao-8k");
    }
}
