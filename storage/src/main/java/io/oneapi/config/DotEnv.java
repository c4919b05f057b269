package io.oneapi.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Parser for {@code .env} files: {@code KEY=VALUE} lines, an optional {@code export } prefix, blank lines,
 * {@code #} comments (whole-line, or after whitespace in an unquoted value), single quotes (literal) and double
 * quotes (with {@code \n \t \" \\} escapes). No variable expansion and no multi-line values. A repeated key keeps
 * the last value, as a shell would. Malformed lines are reported and skipped; the message never repeats the line,
 * which may hold a secret.
 */
final class DotEnv {

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private DotEnv() {
    }

    static Map<String, String> parse(String content, String sourceName, List<String> errors) {
        Map<String, String> values = new LinkedHashMap<>();
        String[] lines = content.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String problem = parseLine(line, values);
            if (problem != null) {
                errors.add(sourceName + " line " + (i + 1) + ": " + problem);
            }
        }
        return values;
    }

    /** Adds the line's pair to {@code values}; returns a problem description instead when the line is malformed. */
    private static String parseLine(String line, Map<String, String> values) {
        if (line.startsWith("export ") || line.startsWith("export\t")) {
            line = line.substring("export".length()).strip();
        }
        int eq = line.indexOf('=');
        if (eq < 0) {
            return "not a KEY=VALUE line (expected: KEY=VALUE, a # comment or a blank line)";
        }
        String key = line.substring(0, eq).strip();
        if (!KEY.matcher(key).matches()) {
            return "invalid variable name (expected: letters, digits and _ not starting with a digit)";
        }
        String raw = line.substring(eq + 1).strip();
        String value;
        if (raw.startsWith("\"")) {
            value = doubleQuoted(raw);
            if (value == null) {
                return key + ": unterminated double-quoted value (expected: a closing \" on the same line)";
            }
        } else if (raw.startsWith("'")) {
            int end = raw.indexOf('\'', 1);
            if (end < 0) {
                return key + ": unterminated single-quoted value (expected: a closing ' on the same line)";
            }
            value = raw.substring(1, end);
        } else {
            value = stripInlineComment(raw);
        }
        values.put(key, value);
        return null;
    }

    /** The unescaped content of a {@code "..."} value, or null when the closing quote is missing. */
    private static String doubleQuoted(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && i + 1 < raw.length()) {
                char next = raw.charAt(++i);
                switch (next) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case '"', '\\', '$' -> out.append(next);
                    default -> out.append('\\').append(next);
                }
            } else {
                out.append(c);
            }
        }
        return null;
    }

    private static String stripInlineComment(String raw) {
        for (int i = 1; i < raw.length(); i++) {
            if (raw.charAt(i) == '#' && Character.isWhitespace(raw.charAt(i - 1))) {
                return raw.substring(0, i).strip();
            }
        }
        return raw;
    }
}
