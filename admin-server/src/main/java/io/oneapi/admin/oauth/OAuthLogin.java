package io.oneapi.admin.oauth;

import io.oneapi.admin.account.DefaultPasswordCheck;
import io.oneapi.admin.account.NewUser;
import io.oneapi.admin.account.UserCreation;
import io.oneapi.admin.account.UserDraft;
import io.oneapi.admin.api.AuthApi;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.Envelope;
import io.oneapi.admin.queries.UserIds;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;
import io.oneapi.storage.options.OptionKey;
import io.oneapi.storage.options.Options;

import java.util.Optional;

/**
 * What every provider does with a verified identity (One API's controller/auth/*.go): bind it to the caller when
 * logged in, else log in the bound account, else register a new one when registration is open.
 */
final class OAuthLogin {
    private final UserStore users;
    private final UserCreation creation;
    private final UserIds userIds;
    private final DefaultPasswordCheck defaultPassword;

    OAuthLogin(UserStore users, UserCreation creation, UserIds userIds, DefaultPasswordCheck defaultPassword) {
        this.users = users;
        this.creation = creation;
        this.userIds = userIds;
        this.defaultPassword = defaultPassword;
    }

    Envelope bind(ApiRequest req, User me, Provider provider, OAuthIdentity identity) {
        if (users.findByOAuthId(provider.column, identity.id()).filter(u -> u.id() != me.id()).isPresent()) {
            throw new ApiFailure("This " + provider.label + " account is already bound to another user");
        }
        UserDraft draft = UserDraft.of(me);
        switch (provider) {
            case GITHUB -> draft.githubId(identity.id());
            case LARK -> draft.larkId(identity.id());
            case OIDC -> draft.oidcId(identity.id());
            case WECHAT -> draft.wechatId(identity.id());
            default -> throw new IllegalStateException(provider.name());
        }
        users.update(me, draft.build());
        return Envelope.ok().with("message", "bind");
    }

    Envelope loginOrRegister(ApiRequest req, Provider provider, OAuthIdentity identity, Options o) {
        Optional<User> bound = users.findByOAuthId(provider.column, identity.id());
        User user;
        if (bound.isPresent()) {
            user = bound.get();
        } else {
            if (!o.flag(OptionKey.REGISTER_ENABLED)) {
                throw new ApiFailure("New user registration has been disabled by the administrator");
            }
            String username = username(provider, identity);
            String displayName = identity.displayName().isBlank() ? provider.label + " User" : identity.displayName();
            int id = creation.create(NewUser.oauth(username, displayName, identity.email(), provider.column,
                    identity.id()));
            user = users.findById(id).orElseThrow();
        }
        if (!user.enabled()) {
            throw new ApiFailure("User has been banned");
        }
        req.login(user);
        return Envelope.ok(AuthApi.loginData(user, defaultPassword.mustChange(user)));
    }

    private String username(Provider provider, OAuthIdentity identity) {
        String preferred = identity.preferredUsername();
        if (provider == Provider.OIDC && !preferred.isBlank() && preferred.length() <= 12
                && users.findByUsername(preferred).isEmpty()) {
            return preferred;
        }
        return provider.usernamePrefix + userIds.next();
    }
}
