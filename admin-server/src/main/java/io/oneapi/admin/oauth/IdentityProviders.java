package io.oneapi.admin.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.storage.options.OptionKey;
import io.oneapi.storage.options.Options;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Turns an authorization code into an {@link OAuthIdentity} for each provider One API supports. */
final class IdentityProviders {
    private final OAuthHttp http;
    private final OAuthEndpoints endpoints;

    IdentityProviders(OAuthHttp http, OAuthEndpoints endpoints) {
        this.http = http;
        this.endpoints = endpoints;
    }

    /** GitHub: the binding id is the login name, as in One API. */
    OAuthIdentity github(String code, Options o) {
        JsonNode token = http.postJson(endpoints.githubToken(), Map.of("client_id", o.get(OptionKey.GITHUB_CLIENT_ID),
                "client_secret", o.get(OptionKey.GITHUB_CLIENT_SECRET), "code", code), "GitHub");
        JsonNode user = http.get(endpoints.githubUser(), "Bearer " + accessToken(token, "GitHub"), "GitHub");
        return identity(user.path("login").asText(""), user.path("name").asText(""), user.path("email").asText(""),
                "", "GitHub");
    }

    OAuthIdentity lark(String code, Options o, String serverAddress) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("client_id", o.get(OptionKey.LARK_CLIENT_ID));
        body.put("client_secret", o.get(OptionKey.LARK_CLIENT_SECRET));
        body.put("code", code);
        body.put("grant_type", "authorization_code");
        body.put("redirect_uri", serverAddress + "/oauth/lark");
        JsonNode token = http.postJson(endpoints.larkToken(), body, "Lark");
        JsonNode user = http.get(endpoints.larkUser(), "Bearer " + accessToken(token, "Lark"), "Lark");
        return identity(user.path("open_id").asText(""), user.path("name").asText(""), "", "", "Lark");
    }

    OAuthIdentity oidc(String code, Options o, String serverAddress) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("client_id", o.get(OptionKey.OIDC_CLIENT_ID));
        form.put("client_secret", o.get(OptionKey.OIDC_CLIENT_SECRET));
        form.put("code", code);
        form.put("grant_type", "authorization_code");
        form.put("redirect_uri", serverAddress + "/oauth/oidc");
        JsonNode token = http.postForm(url(o.get(OptionKey.OIDC_TOKEN_ENDPOINT), "OIDC"), form, "OIDC");
        JsonNode user = http.get(url(o.get(OptionKey.OIDC_USERINFO_ENDPOINT), "OIDC"),
                "Bearer " + accessToken(token, "OIDC"), "OIDC");
        return identity(user.path("sub").asText(""), user.path("name").asText(""), user.path("email").asText(""),
                user.path("preferred_username").asText(""), "OIDC");
    }

    /**
     * WeChat through the external wechat-server: {@code GET <WeChatServerAddress>/api/wechat/user?code=} with the
     * server token as {@code Authorization}; the token goes to that configured host only (no redirects).
     */
    OAuthIdentity wechat(String code, Options o) {
        URI base = url(o.get(OptionKey.WECHAT_SERVER_ADDRESS), "WeChat");
        URI target = URI.create(stripSlash(base.toString()) + "/api/wechat/user?code="
                + URLEncoder.encode(code, StandardCharsets.UTF_8));
        if (!target.getHost().equalsIgnoreCase(base.getHost())) {
            throw new ApiFailure("invalid WeChat server address");
        }
        JsonNode reply = http.get(target, o.get(OptionKey.WECHAT_SERVER_TOKEN), "WeChat");
        if (!reply.path("success").asBoolean(false)) {
            throw new ApiFailure(reply.path("message").asText("WeChat login failed"));
        }
        return identity(reply.path("data").asText(""), "", "", "", "WeChat");
    }

    private static String accessToken(JsonNode token, String provider) {
        String value = token.path("access_token").asText("");
        if (value.isEmpty()) {
            throw new ApiFailure(provider + " OAuth failed, please try again later");
        }
        return value;
    }

    private static OAuthIdentity identity(String id, String name, String email, String preferred, String provider) {
        if (id.isEmpty()) {
            throw new ApiFailure("The " + provider + " server returned no user id, please try again later");
        }
        return new OAuthIdentity(id, name, email, preferred);
    }

    private static URI url(String value, String provider) {
        if (value == null || value.isBlank()) {
            throw new ApiFailure(provider + " login is not configured");
        }
        URI uri = URI.create(value.trim());
        if (uri.getHost() == null) {
            throw new ApiFailure(provider + " login is not configured");
        }
        return uri;
    }

    private static String stripSlash(String s) {
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
