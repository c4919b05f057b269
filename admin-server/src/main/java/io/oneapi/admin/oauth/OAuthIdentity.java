package io.oneapi.admin.oauth;

/**
 * Who an identity provider says the user is. {@code id} is what One API stores in the binding column
 * (GitHub login, Lark open_id, OIDC subject, WeChat id); the rest fills a new account.
 */
record OAuthIdentity(String id, String displayName, String email, String preferredUsername) {
}
