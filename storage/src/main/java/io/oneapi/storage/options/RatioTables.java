package io.oneapi.storage.options;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The three ratio options of one {@link Options} snapshot, with One API's lookup rules. */
final class RatioTables {
    /** One API's price for a model it has no ratio for: expensive on purpose, so a missing entry gets noticed. */
    static final double UNKNOWN_MODEL_RATIO = 30;

    private static final Logger log = LoggerFactory.getLogger(RatioTables.class);
    /** Bounds the "already warned" memo, so arbitrary model names cannot grow it without limit. */
    private static final int MAX_WARNED_MODELS = 1_000;

    private final Map<String, Double> model;
    private final Map<String, Double> completion;
    private final Map<String, Double> group;
    private final Set<String> warnedModels = ConcurrentHashMap.newKeySet();

    RatioTables(Map<String, Double> model, Map<String, Double> completion, Map<String, Double> group) {
        this.model = Map.copyOf(model);
        this.completion = Map.copyOf(completion);
        this.group = Map.copyOf(group);
    }

    double modelRatio(String name, int channelType) {
        if ((name.startsWith("qwen-") || name.startsWith("command-")) && name.endsWith("-internet")) {
            name = name.substring(0, name.length() - "-internet".length());
        }
        Double ratio = lookup(model, BuiltInRatios.MODEL, name, channelType);
        if (ratio != null) {
            return ratio;
        }
        if (warnedModels.size() < MAX_WARNED_MODELS && warnedModels.add(name)) {
            log.error("model ratio not found: {} (billing it at ratio {}; set it in the ModelRatio option)", name,
                    UNKNOWN_MODEL_RATIO);
        }
        return UNKNOWN_MODEL_RATIO;
    }

    double completionRatio(String name, int channelType) {
        if (name.startsWith("qwen-") && name.endsWith("-internet")) {
            name = name.substring(0, name.length() - "-internet".length());
        }
        Double ratio = lookup(completion, BuiltInRatios.COMPLETION, name, channelType);
        return ratio != null ? ratio : CompletionRatioRules.ratioFor(name);
    }

    /** Unknown groups cost ratio 1, as in One API. */
    double groupRatio(String name) {
        Double ratio = group.get(name);
        if (ratio == null) {
            if (warnedModels.size() < MAX_WARNED_MODELS && warnedModels.add("group:" + name)) {
                log.warn("group ratio not found: {} (using 1)", name);
            }
            return 1;
        }
        return ratio;
    }

    Map<String, Double> groups() {
        return group;
    }

    /** {@code name(type)} in the option, then in the defaults, then {@code name} in the option, then the defaults. */
    private static Double lookup(Map<String, Double> option, Map<String, Double> defaults, String name, int type) {
        String typed = name + "(" + type + ")";
        Double ratio = option.get(typed);
        if (ratio == null) {
            ratio = defaults.get(typed);
        }
        if (ratio == null) {
            ratio = option.get(name);
        }
        if (ratio == null) {
            ratio = defaults.get(name);
        }
        return ratio;
    }
}
