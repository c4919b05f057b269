package io.oneapi.launcher;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last line of defence against secrets in logs: code must not log keys, passwords or tokens in the first place,
 * but whatever slips through (an upstream error echoing a header, an exception quoting a DSN) is masked here before
 * it reaches the console or a file.
 */
final class Redactor {

    private static final String MASK = "***";

    /** Each pattern keeps group 1 (the label) and masks the rest of the match. */
    private static final List<Pattern> PATTERNS = List.of(
            // OpenAI-style and One API keys: sk-<20+ alphanumerics>, possibly followed by -<channel id>.
            Pattern.compile("(sk-)[A-Za-z0-9]{20,}"),
            // Authorization header values.
            Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+"),
            // password=... in query strings and key=value text; "password":"..." in JSON. Not "password: x",
            // which is as likely prose ("the default password: sign in and change it").
            Pattern.compile("(?i)((?:password|passwd|pwd)=)[^\\s\"&,;]+"),
            Pattern.compile("(?i)(\"(?:password|passwd|pwd)\"\\s*:\\s*\")[^\"]+"),
            // user:password@ in URLs and in One API's MySQL DSN form user:password@tcp(host)/db.
            Pattern.compile("((?://|^|[\\s=\"'])[^\\s:/@\"']+:)[^\\s@/\"']+(?=@)"));

    /** One API keys are 48 alphanumerics and often logged without their sk- prefix. */
    private static final Pattern BARE_KEY = Pattern.compile("(?<![A-Za-z0-9])[A-Za-z0-9]{48}(?![A-Za-z0-9])");

    private Redactor() {
    }

    static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Pattern pattern : PATTERNS) {
            Matcher m = pattern.matcher(out);
            if (m.find()) {
                out = m.replaceAll(r -> Matcher.quoteReplacement(r.group(1) + MASK));
            }
        }
        Matcher bare = BARE_KEY.matcher(out);
        return bare.find() ? bare.replaceAll(MASK) : out;
    }
}
