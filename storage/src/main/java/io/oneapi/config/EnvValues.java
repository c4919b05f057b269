package io.oneapi.config;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed reads of variables from the merged environment. A blank value counts as unset (One API reads
 * {@code os.Getenv(...) != ""}). Invalid values are collected as {@code NAME: value (expected: ...)} so that every
 * mistake is reported at once, and the default is returned in their place. Values of secret variables are never
 * quoted back, and URLs are quoted without their user-info.
 */
final class EnvValues {

    private final Map<String, String> values;
    private final List<String> errors;
    private final Set<String> read = new HashSet<>();

    EnvValues(Map<String, String> values, List<String> errors) {
        this.values = values;
        this.errors = errors;
    }

    /** The variables looked up so far: used to spot unknown (mistyped) names in {@code .env} files. */
    Set<String> namesRead() {
        return Set.copyOf(read);
    }

    boolean isSet(String name) {
        read.add(name);
        String value = values.get(name);
        return value != null && !value.isBlank();
    }

    /** The trimmed value, or {@code fallback} when unset. */
    String string(String name, String fallback) {
        return isSet(name) ? values.get(name).strip() : fallback;
    }

    void reject(String name, String shownValue, String expectation) {
        errors.add(name + ": " + shownValue + " (expected: " + expectation + ")");
    }

    /** Reads with {@code parse}, which returns null for text it does not accept. */
    <T> T parsed(String name, T fallback, String expectation, Function<String, T> parse) {
        if (!isSet(name)) {
            return fallback;
        }
        String text = values.get(name).strip();
        T value = parse.apply(text);
        if (value == null) {
            reject(name, ValueParsers.withoutUserInfo(text), expectation);
            return fallback;
        }
        return value;
    }

    boolean bool(String name, boolean fallback) {
        return parsed(name, fallback, ValueParsers.BOOL, ValueParsers::bool);
    }

    int positiveInt(String name, int fallback) {
        return parsed(name, fallback, ValueParsers.POSITIVE_INT, t -> ValueParsers.intInRange(t, 1, Integer.MAX_VALUE));
    }

    /** Zero allowed: for limits where 0 means "off". */
    int nonNegativeInt(String name, int fallback) {
        return parsed(name, fallback, ValueParsers.NON_NEGATIVE_INT,
                t -> ValueParsers.intInRange(t, 0, Integer.MAX_VALUE));
    }

    int port(String name, int fallback) {
        return parsed(name, fallback, ValueParsers.PORT, ValueParsers::port);
    }

    double ratio(String name, double fallback) {
        return parsed(name, fallback, ValueParsers.RATIO, ValueParsers::ratio);
    }

    /** A whole number of {@code unit}s; zero allowed unless {@code positive}. */
    Duration duration(String name, Duration fallback, Unit unit, boolean positive) {
        String expectation = (positive ? "a positive whole number of " : "a whole number of ") + unit.plural;
        return parsed(name, fallback, expectation, t -> {
            Integer amount = ValueParsers.intInRange(t, positive ? 1 : 0, Integer.MAX_VALUE);
            return amount == null ? null : unit.of(amount);
        });
    }

    /** One of {@code allowed}, compared case-insensitively and returned as spelled in {@code allowed}. */
    String oneOf(String name, String fallback, List<String> allowed) {
        return parsed(name, fallback, "one of " + String.join(", ", allowed), t -> allowed.stream()
                .filter(a -> a.equalsIgnoreCase(t)).findFirst().orElse(null));
    }

    URI url(String name, Set<String> schemes) {
        String expectation = "a URL starting with " + String.join(":// or ", schemes.stream().sorted().toList())
                + "://";
        return parsed(name, null, expectation, t -> ValueParsers.url(t, schemes));
    }

    /** The units in which One API's variables are given. */
    enum Unit {
        MILLISECONDS("milliseconds"), SECONDS("seconds"), MINUTES("minutes");

        final String plural;

        Unit(String plural) {
            this.plural = plural;
        }

        Duration of(long amount) {
            return switch (this) {
                case MILLISECONDS -> Duration.ofMillis(amount);
                case SECONDS -> Duration.ofSeconds(amount);
                case MINUTES -> Duration.ofMinutes(amount);
            };
        }
    }
}
