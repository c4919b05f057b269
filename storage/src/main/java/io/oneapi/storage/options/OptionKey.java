package io.oneapi.storage.options;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every runtime option of One API (inventory section 8): its key in the {@code options} table, its default and how
 * its value is checked. Keys ending in {@code Token}, {@code Secret} or {@code SecretKey} are secrets and never
 * leave the server through list APIs.
 */
public enum OptionKey {
    PASSWORD_LOGIN_ENABLED("PasswordLoginEnabled", OptionType.BOOLEAN, "true"),
    PASSWORD_REGISTER_ENABLED("PasswordRegisterEnabled", OptionType.BOOLEAN, "true"),
    EMAIL_VERIFICATION_ENABLED("EmailVerificationEnabled", OptionType.BOOLEAN, "false"),
    GITHUB_OAUTH_ENABLED("GitHubOAuthEnabled", OptionType.BOOLEAN, "false"),
    OIDC_ENABLED("OidcEnabled", OptionType.BOOLEAN, "false"),
    WECHAT_AUTH_ENABLED("WeChatAuthEnabled", OptionType.BOOLEAN, "false"),
    TURNSTILE_CHECK_ENABLED("TurnstileCheckEnabled", OptionType.BOOLEAN, "false"),
    REGISTER_ENABLED("RegisterEnabled", OptionType.BOOLEAN, "true"),
    EMAIL_DOMAIN_RESTRICTION_ENABLED("EmailDomainRestrictionEnabled", OptionType.BOOLEAN, "false"),
    EMAIL_DOMAIN_WHITELIST("EmailDomainWhitelist", OptionType.TEXT,
            "gmail.com,163.com,126.com,qq.com,outlook.com,hotmail.com,icloud.com,yahoo.com,foxmail.com"),
    SMTP_SERVER("SMTPServer", OptionType.TEXT, ""),
    SMTP_PORT("SMTPPort", OptionType.PORT, "587"),
    SMTP_ACCOUNT("SMTPAccount", OptionType.TEXT, ""),
    SMTP_FROM("SMTPFrom", OptionType.TEXT, ""),
    SMTP_TOKEN("SMTPToken", OptionType.TEXT, ""),
    SERVER_ADDRESS("ServerAddress", OptionType.URL, ""),
    GITHUB_CLIENT_ID("GitHubClientId", OptionType.TEXT, ""),
    GITHUB_CLIENT_SECRET("GitHubClientSecret", OptionType.TEXT, ""),
    LARK_CLIENT_ID("LarkClientId", OptionType.TEXT, ""),
    LARK_CLIENT_SECRET("LarkClientSecret", OptionType.TEXT, ""),
    OIDC_CLIENT_ID("OidcClientId", OptionType.TEXT, ""),
    OIDC_CLIENT_SECRET("OidcClientSecret", OptionType.TEXT, ""),
    OIDC_WELL_KNOWN("OidcWellKnown", OptionType.URL, ""),
    OIDC_AUTHORIZATION_ENDPOINT("OidcAuthorizationEndpoint", OptionType.URL, ""),
    OIDC_TOKEN_ENDPOINT("OidcTokenEndpoint", OptionType.URL, ""),
    OIDC_USERINFO_ENDPOINT("OidcUserinfoEndpoint", OptionType.URL, ""),
    WECHAT_SERVER_ADDRESS("WeChatServerAddress", OptionType.URL, ""),
    WECHAT_SERVER_TOKEN("WeChatServerToken", OptionType.TEXT, ""),
    WECHAT_ACCOUNT_QRCODE_IMAGE_URL("WeChatAccountQRCodeImageURL", OptionType.URL, ""),
    MESSAGE_PUSHER_ADDRESS("MessagePusherAddress", OptionType.URL, ""),
    MESSAGE_PUSHER_TOKEN("MessagePusherToken", OptionType.TEXT, ""),
    TURNSTILE_SITE_KEY("TurnstileSiteKey", OptionType.TEXT, ""),
    TURNSTILE_SECRET_KEY("TurnstileSecretKey", OptionType.TEXT, ""),
    NOTICE("Notice", OptionType.TEXT, ""),
    ABOUT("About", OptionType.TEXT, ""),
    HOME_PAGE_CONTENT("HomePageContent", OptionType.TEXT, ""),
    FOOTER("Footer", OptionType.TEXT, ""),
    SYSTEM_NAME("SystemName", OptionType.TEXT, "One API"),
    LOGO("Logo", OptionType.TEXT, ""),
    THEME("Theme", OptionType.THEME, "default"),
    QUOTA_FOR_NEW_USER("QuotaForNewUser", OptionType.QUOTA, "0"),
    PRE_CONSUMED_QUOTA("PreConsumedQuota", OptionType.QUOTA, "500"),
    QUOTA_FOR_INVITER("QuotaForInviter", OptionType.QUOTA, "0"),
    QUOTA_FOR_INVITEE("QuotaForInvitee", OptionType.QUOTA, "0"),
    MODEL_RATIO("ModelRatio", OptionType.RATIO_MAP, BuiltInRatios.MODEL_JSON),
    COMPLETION_RATIO("CompletionRatio", OptionType.RATIO_MAP, BuiltInRatios.COMPLETION_JSON),
    GROUP_RATIO("GroupRatio", OptionType.RATIO_MAP, BuiltInRatios.GROUP_JSON),
    LOG_CONSUME_ENABLED("LogConsumeEnabled", OptionType.BOOLEAN, "true"),
    /** Seconds; a channel test slower than this disables the channel (0 = never for slowness). */
    CHANNEL_DISABLE_THRESHOLD("ChannelDisableThreshold", OptionType.NON_NEGATIVE_NUMBER, "5"),
    QUOTA_REMIND_THRESHOLD("QuotaRemindThreshold", OptionType.QUOTA, "1000"),
    AUTOMATIC_DISABLE_CHANNEL_ENABLED("AutomaticDisableChannelEnabled", OptionType.BOOLEAN, "false"),
    AUTOMATIC_ENABLE_CHANNEL_ENABLED("AutomaticEnableChannelEnabled", OptionType.BOOLEAN, "false"),
    TOP_UP_LINK("TopUpLink", OptionType.URL, ""),
    CHAT_LINK("ChatLink", OptionType.URL, ""),
    QUOTA_PER_UNIT("QuotaPerUnit", OptionType.POSITIVE_NUMBER, "500000"),
    RETRY_TIMES("RetryTimes", OptionType.COUNT, "0"),
    DISPLAY_IN_CURRENCY_ENABLED("DisplayInCurrencyEnabled", OptionType.BOOLEAN, "true"),
    DISPLAY_TOKEN_STAT_ENABLED("DisplayTokenStatEnabled", OptionType.BOOLEAN, "true"),
    APPROXIMATE_TOKEN_ENABLED("ApproximateTokenEnabled", OptionType.BOOLEAN, "false");

    private static final Map<String, OptionKey> BY_KEY =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(OptionKey::key, Function.identity()));

    private final String key;
    private final OptionType type;
    private final String defaultValue;

    OptionKey(String key, OptionType type, String defaultValue) {
        this.key = key;
        this.type = type;
        this.defaultValue = defaultValue;
    }

    /** The name in the {@code options} table, e.g. {@code RetryTimes}. */
    public String key() {
        return key;
    }

    /** One API's default (for {@link #THEME} the start-up {@code THEME} may replace it). */
    public String defaultValue() {
        return defaultValue;
    }

    public boolean secret() {
        return isSecret(key);
    }

    public static Optional<OptionKey> fromKey(String key) {
        return Optional.ofNullable(BY_KEY.get(key));
    }

    /** One API's rule, applied to unknown keys too: a name ending in Token, Secret or SecretKey is a secret. */
    public static boolean isSecret(String key) {
        return key.endsWith("Token") || key.endsWith("Secret") || key.endsWith("SecretKey");
    }

    /** Throws {@link InvalidOptionException} unless {@code value} is acceptable for this key. */
    public void check(String value) {
        type.check(key, value, secret());
    }

    OptionType type() {
        return type;
    }
}
