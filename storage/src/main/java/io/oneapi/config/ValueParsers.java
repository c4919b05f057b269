package io.oneapi.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Set;

/**
 * Small typed parsers shared by flags and variables. Each returns null when the text is not acceptable; the caller
 * reports the matching expectation text below.
 */
final class ValueParsers {

    static final String BOOL = "true, false, 1 or 0";
    static final String PORT = "a port number from 0 to 65535, 0 for any free port";
    static final String INT = "an integer";
    static final String POSITIVE_INT = "a positive integer";
    static final String NON_NEGATIVE_INT = "a non-negative integer";
    static final String RATIO = "a number between 0 and 1";

    private ValueParsers() {
    }

    static Boolean bool(String text) {
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    static Long integer(String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An integer in {@code [min, max]}, or null. */
    static Integer intInRange(String text, long min, long max) {
        Long value = integer(text);
        return value == null || value < min || value > max ? null : value.intValue();
    }

    /** 0 asks the OS for a free port (tests, and launchers that read the bound port from the log). */
    static Integer port(String text) {
        return intInRange(text, 0, 65535);
    }

    static Double ratio(String text) {
        try {
            double value = Double.parseDouble(text.strip());
            return value >= 0 && value <= 1 ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** An absolute URL with one of the given schemes and a host, or null. */
    static URI url(String text, Set<String> schemes) {
        try {
            URI uri = new URI(text.strip());
            String scheme = uri.getScheme();
            if (scheme == null || !schemes.contains(scheme.toLowerCase(Locale.ROOT)) || uri.getHost() == null) {
                return null;
            }
            return uri;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Hides the password of a {@code scheme://user:password@host} text so errors can quote the rest. */
    static String withoutUserInfo(String text) {
        return text.replaceAll("//[^/@\\s]*@", "//***@");
    }
}
