package io.oneapi.storage.options;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/** How an option value is checked before it is stored. */
enum OptionType {
    BOOLEAN("true or false") {
        @Override
        boolean accepts(String value) {
            return value.equals("true") || value.equals("false");
        }
    },
    /** A count that fits an {@code int}, e.g. {@code RetryTimes}. */
    COUNT("a non-negative integer") {
        @Override
        boolean accepts(String value) {
            return INTEGER.matcher(value).matches() && fitsIn(value, Integer.MAX_VALUE);
        }
    },
    /** An amount of quota (64-bit). */
    QUOTA("a non-negative integer") {
        @Override
        boolean accepts(String value) {
            return INTEGER.matcher(value).matches() && fitsIn(value, Long.MAX_VALUE);
        }
    },
    NON_NEGATIVE_NUMBER("a non-negative number") {
        @Override
        boolean accepts(String value) {
            return DECIMAL.matcher(value).matches() && Double.isFinite(Double.parseDouble(value));
        }
    },
    POSITIVE_NUMBER("a positive number") {
        @Override
        boolean accepts(String value) {
            return NON_NEGATIVE_NUMBER.accepts(value) && Double.parseDouble(value) > 0;
        }
    },
    PORT("a port number between 1 and 65535") {
        @Override
        boolean accepts(String value) {
            return INTEGER.matcher(value).matches() && fitsIn(value, 65535) && Integer.parseInt(value) >= 1;
        }
    },
    /** Empty (unset) or an absolute http(s) URL with a host. */
    URL("an http:// or https:// URL, or empty") {
        @Override
        boolean accepts(String value) {
            if (value.isEmpty()) {
                return true;
            }
            try {
                URI uri = new URI(value);
                String scheme = uri.getScheme();
                return uri.getHost() != null && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
            } catch (URISyntaxException e) {
                return false;
            }
        }
    },
    /** A JSON object mapping names to finite, non-negative numbers (ModelRatio, CompletionRatio, GroupRatio). */
    RATIO_MAP("a JSON object of names to non-negative numbers") {
        @Override
        boolean accepts(String value) {
            return RatioJson.parseStrict(value) != null;
        }
    },
    THEME("one of default, berry, air") {
        @Override
        boolean accepts(String value) {
            return value.equals("default") || value.equals("berry") || value.equals("air");
        }
    },
    TEXT("text") {
        @Override
        boolean accepts(String value) {
            return true;
        }
    };

    /** MySQL's {@code text} column holds 65,535 bytes; a longer value would fail there, so refuse it everywhere. */
    static final int MAX_VALUE_BYTES = 65_535;

    private static final Pattern INTEGER = Pattern.compile("\\d{1,19}");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,30}(\\.\\d{1,30})?([eE][+-]?\\d{1,3})?");

    private final String expected;

    OptionType(String expected) {
        this.expected = expected;
    }

    abstract boolean accepts(String value);

    /** Throws when {@code value} is not acceptable for {@code key}; secret values are never echoed. */
    void check(String key, String value, boolean secret) {
        if (value == null) {
            throw new InvalidOptionException(key + ": missing value (expected: " + expected + ")");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > MAX_VALUE_BYTES) {
            throw new InvalidOptionException(key + ": value too long (at most " + MAX_VALUE_BYTES + " bytes)");
        }
        if (!accepts(value)) {
            String shown = secret ? "<hidden>" : abbreviate(value);
            throw new InvalidOptionException(key + ": " + shown + " (expected: " + expected + ")");
        }
    }

    private static boolean fitsIn(String digits, long max) {
        try {
            return Long.parseLong(digits) <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String abbreviate(String value) {
        return value.length() <= 60 ? value : value.substring(0, 57) + "...";
    }
}
