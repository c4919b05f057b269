package io.oneapi.admin.oauth;

import java.net.URI;

/** The fixed identity-provider URLs One API calls; OIDC and WeChat URLs come from options instead. */
public record OAuthEndpoints(URI githubToken, URI githubUser, URI larkToken, URI larkUser) {
    public static final OAuthEndpoints PUBLIC = new OAuthEndpoints(
            URI.create("https://github.com/login/oauth/access_token"),
            URI.create("https://api.github.com/user"),
            URI.create("https://passport.feishu.cn/suite/passport/oauth/token"),
            URI.create("https://passport.feishu.cn/suite/passport/oauth/userinfo"));
}
