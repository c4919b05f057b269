package io.oneapi.admin.oauth;

import io.oneapi.admin.account.DefaultPasswordCheck;
import io.oneapi.admin.account.RandomText;
import io.oneapi.admin.account.UserCreation;
import io.oneapi.admin.api.MiscApi;
import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.admin.queries.UserIds;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;
import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.options.Options;

import java.net.http.HttpClient;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * OAuth routes (inventory section 7.2), all under the critical rate limit: state, GitHub, Lark, OIDC, WeChat and
 * WeChat binding. The state must match the one stored in the caller's session (403 otherwise) and is spent on use.
 */
public final class OAuthApi {
    private final IdentityProviders providers;
    private final OAuthLogin login;
    private final LiveOptions options;

    /** @param http a client that never follows redirects */
    public OAuthApi(HttpClient http, OAuthEndpoints endpoints, UserStore users, UserCreation creation, UserIds ids,
                    DefaultPasswordCheck defaultPassword, LiveOptions options) {
        this.providers = new IdentityProviders(new OAuthHttp(http), endpoints);
        this.login = new OAuthLogin(users, creation, ids, defaultPassword);
        this.options = options;
    }

    public void register(ApiRoutes routes) {
        routes.critical("GET", "/api/oauth/state", Access.PUBLIC, false, this::state)
                .critical("GET", "/api/oauth/github", Access.PUBLIC, false, req -> withState(req, Provider.GITHUB))
                .critical("GET", "/api/oauth/lark", Access.PUBLIC, false, req -> withState(req, Provider.LARK))
                .critical("GET", "/api/oauth/oidc", Access.PUBLIC, false, req -> withState(req, Provider.OIDC))
                .critical("GET", "/api/oauth/wechat", Access.PUBLIC, false, req -> complete(req, Provider.WECHAT))
                .critical("GET", "/api/oauth/wechat/bind", Access.USER, false, this::wechatBind);
    }

    Envelope state(ApiRequest req) {
        String state = RandomText.alphanumeric(12);
        req.saveSession(req.session().withOAuthState(state));
        return Envelope.ok(state);
    }

    private Envelope withState(ApiRequest req, Provider provider) {
        String expected = req.session().oauthState();
        String given = req.query("state");
        if (expected.isEmpty() || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiFailure(403, "state is empty or not same");
        }
        req.saveSession(req.session().withOAuthState(""));
        return complete(req, provider);
    }

    private Envelope complete(ApiRequest req, Provider provider) {
        Options o = options.current();
        Optional<User> me = req.optionalCaller();
        if (me.isEmpty() && provider.enabledBy != null && !o.flag(provider.enabledBy)) {
            throw new ApiFailure("The administrator has not enabled login and registration via " + provider.label);
        }
        OAuthIdentity identity = identify(provider, code(req), o);
        return me.isPresent() ? login.bind(req, me.get(), provider, identity)
                : login.loginOrRegister(req, provider, identity, o);
    }

    private Envelope wechatBind(ApiRequest req) {
        Options o = options.current();
        return login.bind(req, req.caller(), Provider.WECHAT, identify(Provider.WECHAT, code(req), o));
    }

    private OAuthIdentity identify(Provider provider, String code, Options o) {
        String serverAddress = MiscApi.serverAddress(o);
        return switch (provider) {
            case GITHUB -> providers.github(code, o);
            case LARK -> providers.lark(code, o, serverAddress);
            case OIDC -> providers.oidc(code, o, serverAddress);
            case WECHAT -> providers.wechat(code, o);
        };
    }

    private static String code(ApiRequest req) {
        String code = req.query("code");
        if (code.isBlank()) {
            throw new ApiFailure("invalid parameters: code is required");
        }
        return code;
    }
}
