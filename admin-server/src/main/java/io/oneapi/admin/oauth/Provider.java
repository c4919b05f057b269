package io.oneapi.admin.oauth;

import io.oneapi.storage.options.OptionKey;

/** The OAuth providers, their binding column and how One API names accounts they create. */
enum Provider {
    GITHUB("GitHub", "github_id", "github_", OptionKey.GITHUB_OAUTH_ENABLED),
    /** One API has no switch for Lark: the UI shows it when a client id is set. */
    LARK("Lark", "lark_id", "lark_", null),
    OIDC("OIDC", "oidc_id", "oidc_", OptionKey.OIDC_ENABLED),
    WECHAT("WeChat", "wechat_id", "wechat_", OptionKey.WECHAT_AUTH_ENABLED);

    final String label;
    final String column;
    final String usernamePrefix;
    final OptionKey enabledBy;

    Provider(String label, String column, String usernamePrefix, OptionKey enabledBy) {
        this.label = label;
        this.column = column;
        this.usernamePrefix = usernamePrefix;
        this.enabledBy = enabledBy;
    }
}
