package io.oneapi.admin.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * E-mail verification codes and password-reset tokens, valid 10 minutes (One API's {@code VerificationValidMinutes}).
 * Unlike One API a code works once, and only for whoever asked for it (a user id, or 0 for a visitor): a code the
 * attacker asked for cannot bind the attacker's address to a victim's account. Kept in this process's memory, as in One API: on several nodes, the node that
 * sent the e-mail must also receive the answer (sticky sessions), until a shared store is added.
 */
public final class VerificationCodes {
    /** What a code proves; a code of one purpose never satisfies another. */
    public enum Purpose { EMAIL_VERIFICATION, PASSWORD_RESET }

    static final Duration VALID_FOR = Duration.ofMinutes(10);
    private static final int SWEEP_AT = 10_000;

    private final Map<String, Entry> codes = new ConcurrentHashMap<>();
    private final Clock clock;

    public VerificationCodes(Clock clock) {
        this.clock = clock;
    }

    /** Issues a code of {@code length} characters for {@code email} to a visitor, replacing an earlier one. */
    public String issue(Purpose purpose, String email, int length) {
        return issue(purpose, email, length, 0);
    }

    /** Issues a code for {@code email} that only {@code requester} (a user id; 0: a visitor) can use. */
    public String issue(Purpose purpose, String email, int length, int requester) {
        if (codes.size() > SWEEP_AT) {
            long now = clock.millis();
            codes.values().removeIf(e -> e.expiresAt <= now);
        }
        String code = purpose == Purpose.PASSWORD_RESET
                ? RandomText.alphanumeric(length) : RandomText.lowerAlphanumeric(length);
        codes.put(key(purpose, email), new Entry(code, clock.millis() + VALID_FOR.toMillis(), requester));
        return code;
    }

    /** True (and the code is spent) when {@code code} is the live code a visitor asked for {@code email}. */
    public boolean consume(Purpose purpose, String email, String code) {
        return consume(purpose, email, code, 0);
    }

    /** True (and the code is spent) when {@code code} is the live code {@code requester} asked for {@code email}. */
    public boolean consume(Purpose purpose, String email, String code, int requester) {
        if (email == null || code == null || code.isEmpty()) {
            return false;
        }
        String key = key(purpose, email);
        Entry entry = codes.get(key);
        if (entry == null || entry.expiresAt <= clock.millis() || entry.requester != requester
                || !MessageDigest.isEqual(entry.code.getBytes(StandardCharsets.UTF_8),
                code.trim().getBytes(StandardCharsets.UTF_8))) {
            return false;
        }
        return codes.remove(key, entry);
    }

    private static String key(Purpose purpose, String email) {
        return purpose + ":" + email.trim().toLowerCase(Locale.ROOT);
    }

    private record Entry(String code, long expiresAt, int requester) {
    }
}
