package io.oneapi.admin.channel;

import java.util.List;
import java.util.Locale;

/**
 * When a failed test means the channel's credential is dead (One API's {@code ShouldDisableChannel}): the proxy's
 * {@code errorKind} when it reports one, else One API's message keywords.
 */
final class DisableRules {
    private static final List<String> KEYWORDS = List.of("your access was terminated", "violation of our policies",
            "your credit balance is too low", "organization has been disabled", "credit", "balance",
            "permission denied", "organization has been restricted", "api key not valid", "api key expired",
            "已欠费", "insufficient_quota", "authentication_error", "permission_error", "invalid_api_key",
            "account_deactivated");

    private DisableRules() {
    }

    static boolean credentialDead(String errorKind, String message) {
        if (errorKind != null && !errorKind.isEmpty()) {
            return errorKind.equals("AUTH_FAILED") || errorKind.equals("QUOTA_EXHAUSTED");
        }
        String text = message == null ? "" : message.toLowerCase(Locale.ROOT);
        return KEYWORDS.stream().anyMatch(text::contains);
    }
}
