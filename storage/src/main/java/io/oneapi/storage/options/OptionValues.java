package io.oneapi.storage.options;

import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the raw key/value map of a snapshot: defaults, then the stored rows. Stored rows come from a database that
 * One API (or an older version of us) may have written, so a bad stored value is skipped with a warning rather than
 * refused; new values are refused earlier, in {@link LiveOptions#update}.
 */
final class OptionValues {
    private static final Logger log = LoggerFactory.getLogger(OptionValues.class);

    private OptionValues() {
    }

    static Map<String, String> defaults(Map<String, String> startupDefaults) {
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionKey key : OptionKey.values()) {
            values.put(key.key(), key.defaultValue());
        }
        startupDefaults.forEach((key, value) -> {
            OptionKey known = OptionKey.fromKey(key)
                    .orElseThrow(() -> new InvalidOptionException("unknown option key: " + key));
            known.check(value);
            values.put(key, value);
        });
        return values;
    }

    /** Defaults overlaid with {@code stored}; ModelRatio and CompletionRatio gain the built-in keys they lack. */
    static Map<String, String> merge(Map<String, String> defaults, Map<String, String> stored) {
        Map<String, String> values = new LinkedHashMap<>(defaults);
        stored.forEach((key, value) -> {
            if (value == null) {
                return;
            }
            OptionKey known = OptionKey.fromKey(key).orElse(null);
            if (known == null) {
                values.put(key, value); // kept (e.g. keys of One API forks) but unused
            } else if (known.type() == OptionType.RATIO_MAP) {
                mergeRatios(known, value, values);
            } else {
                try {
                    known.check(value);
                    values.put(key, value);
                } catch (InvalidOptionException e) {
                    log.warn("ignoring stored option, using the default instead: {}", e.getMessage());
                }
            }
        });
        return values;
    }

    private static void mergeRatios(OptionKey key, String stored, Map<String, String> values) {
        Map<String, Double> ratios = RatioJson.parseLenient(key.key(), stored);
        if (ratios == null) {
            log.warn("ignoring stored option {}: not a JSON object; using the built-in table", key.key());
            return;
        }
        Map<String, Double> builtIn = switch (key) {
            case MODEL_RATIO -> BuiltInRatios.MODEL;
            case COMPLETION_RATIO -> BuiltInRatios.COMPLETION;
            default -> Map.of(); // GroupRatio: a group the admin removed stays removed
        };
        Map<String, Double> merged = new LinkedHashMap<>(ratios);
        builtIn.forEach(merged::putIfAbsent);
        values.put(key.key(), RatioJson.write(merged));
    }
}
