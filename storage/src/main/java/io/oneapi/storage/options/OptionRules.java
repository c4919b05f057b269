package io.oneapi.storage.options;

/**
 * Checks that need other options: One API refuses to switch a login method on before it is configured
 * (controller/option.go). Messages are English versions of One API's.
 */
final class OptionRules {
    private OptionRules() {
    }

    static void check(OptionKey key, String value, Options current) {
        if (!"true".equals(value)) {
            return;
        }
        switch (key) {
            case GITHUB_OAUTH_ENABLED -> require(current, OptionKey.GITHUB_CLIENT_ID,
                    "Cannot enable GitHub OAuth: set GitHubClientId and GitHubClientSecret first");
            case OIDC_ENABLED -> require(current, OptionKey.OIDC_CLIENT_ID,
                    "Cannot enable OIDC login: set OidcClientId and OidcClientSecret first");
            case EMAIL_DOMAIN_RESTRICTION_ENABLED -> {
                if (current.emailDomainWhitelist().isEmpty()) {
                    throw new InvalidOptionException(
                            "Cannot enable the e-mail domain restriction: set EmailDomainWhitelist first");
                }
            }
            case WECHAT_AUTH_ENABLED -> require(current, OptionKey.WECHAT_SERVER_ADDRESS,
                    "Cannot enable WeChat login: set WeChatServerAddress and WeChatServerToken first");
            case TURNSTILE_CHECK_ENABLED -> require(current, OptionKey.TURNSTILE_SITE_KEY,
                    "Cannot enable the Turnstile check: set TurnstileSiteKey and TurnstileSecretKey first");
            default -> {
            }
        }
    }

    private static void require(Options current, OptionKey needed, String message) {
        if (current.get(needed).isBlank()) {
            throw new InvalidOptionException(message);
        }
    }
}
