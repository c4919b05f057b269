package io.oneapi.bench.cli;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code --name value} command-line flags of the benchmark processes. Unknown flags are refused, so a typo
 * in the load script fails at once instead of silently measuring the default.
 */
public final class Flags {
    private final Map<String, String> values = new HashMap<>();

    private Flags() {
    }

    /** Parses {@code args}; every flag must be one of {@code known} and have a value. */
    public static Flags parse(String[] args, Set<String> known) {
        Flags flags = new Flags();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--") || !known.contains(name.substring(2))) {
                throw new IllegalArgumentException("unknown flag " + name + " (known: --" + String.join(", --",
                        known.stream().sorted().toList()) + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            flags.values.put(name.substring(2), args[++i]);
        }
        return flags;
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public String required(String name) {
        String value = values.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    public long number(String name, long fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": " + value + " (expected: an integer)");
        }
    }

    public boolean bool(String name, boolean fallback) {
        String value = values.get(name);
        if (value == null) {
            return fallback;
        }
        if (!value.equals("true") && !value.equals("false")) {
            throw new IllegalArgumentException("--" + name + ": " + value + " (expected: true or false)");
        }
        return Boolean.parseBoolean(value);
    }
}
