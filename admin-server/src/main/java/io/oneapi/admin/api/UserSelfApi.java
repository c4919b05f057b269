package io.oneapi.admin.api;

import io.oneapi.admin.account.AccountLogs;
import io.oneapi.admin.account.DefaultPasswordCheck;
import io.oneapi.admin.account.QuotaText;
import io.oneapi.admin.account.UserDraft;
import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.storage.ChannelStore;
import io.oneapi.storage.Keys;
import io.oneapi.storage.Passwords;
import io.oneapi.storage.RedemptionStore;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;

import java.time.Clock;

/**
 * The caller's own account (inventory section 7.3): self get/update/delete, access token, aff code,
 * redemption top-up and available models (the dashboard is {@link DashboardApi}).
 */
public final class UserSelfApi {
    private final UserStore users;
    private final RedemptionStore redemptions;
    private final ChannelStore channels;
    private final AccountLogs accountLogs;
    private final QuotaText quotaText;
    private final DefaultPasswordCheck defaultPassword;
    private final Clock clock;

    public UserSelfApi(UserStore users, RedemptionStore redemptions, ChannelStore channels,
                       AccountLogs accountLogs, QuotaText quotaText, DefaultPasswordCheck defaultPassword, Clock clock) {
        this.users = users;
        this.redemptions = redemptions;
        this.channels = channels;
        this.accountLogs = accountLogs;
        this.quotaText = quotaText;
        this.defaultPassword = defaultPassword;
        this.clock = clock;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/user/self", Access.USER, this::getSelf)
                .put("/api/user/self", Access.USER, this::updateSelf)
                .delete("/api/user/self", Access.USER, this::deleteSelf)
                .get("/api/user/token", Access.USER, this::generateAccessToken)
                .get("/api/user/aff", Access.USER, this::affCode)
                .post("/api/user/topup", Access.USER, this::topUp)
                .get("/api/user/available_models", Access.USER, this::availableModels);
    }

    Envelope getSelf(ApiRequest req) {
        User me = req.caller();
        return Envelope.ok(new SelfView(UserView.of(me), defaultPassword.mustChange(me) ? Boolean.TRUE : null));
    }

    Envelope updateSelf(ApiRequest req) {
        User me = req.caller();
        SelfUpdate body = req.body(SelfUpdate.class);
        UserDraft draft = UserDraft.of(me);
        if (body.username() != null && !body.username().isEmpty()) {
            String username = UserInput.username(body.username(), me.username());
            if (!username.equals(me.username()) && users.findByUsername(username).isPresent()) {
                throw new ApiFailure("username is already taken");
            }
            draft.username(username);
        }
        if (body.displayName() != null && !body.displayName().isEmpty()) {
            draft.displayName(UserInput.displayName(body.displayName()));
        }
        String password = UserInput.optionalPassword(body.password());
        if (!password.isEmpty()) {
            // A new password ends every other way in: the management access token is revoked with it (the user
            // makes a new one), so whoever took the account over does not keep API access.
            draft.passwordHash(Passwords.hash(password)).accessToken("");
        }
        User updated = draft.build();
        users.update(me, updated);
        if (!password.isEmpty()) {
            req.login(updated); // the old cookie was bound to the old password
        }
        return Envelope.ok();
    }

    Envelope deleteSelf(ApiRequest req) {
        User me = req.caller();
        if (me.role() >= User.ROLE_ROOT) {
            throw new ApiFailure("cannot delete the root account");
        }
        users.softDelete(me.id());
        req.clearSession();
        return Envelope.ok();
    }

    Envelope generateAccessToken(ApiRequest req) {
        String token = Keys.accessToken();
        User me = req.caller();
        users.update(me, UserDraft.of(me).accessToken(token).build());
        return Envelope.ok(token);
    }

    Envelope affCode(ApiRequest req) {
        User me = req.caller();
        if (me.affCode() != null && !me.affCode().isEmpty()) {
            return Envelope.ok(me.affCode());
        }
        String code = Keys.affCode();
        users.update(me, UserDraft.of(me).affCode(code).build());
        return Envelope.ok(code);
    }

    Envelope topUp(ApiRequest req) {
        User me = req.caller();
        String key = req.body(TopUpRequest.class).key();
        if (key == null || key.isBlank()) {
            throw new ApiFailure("Redemption failed: no redemption code provided");
        }
        long quota;
        try {
            quota = redemptions.redeem(key.trim(), me.id(), clock.instant().getEpochSecond());
        } catch (RedemptionStore.RedemptionException e) {
            throw new ApiFailure("Redemption failed: " + e.getMessage());
        }
        accountLogs.topUp(me.id(), "Recharged via redemption code: " + quotaText.of(quota), quota);
        return Envelope.ok(quota);
    }

    Envelope availableModels(ApiRequest req) {
        String group = req.caller().group();
        return Envelope.ok(channels.modelsForGroup(group == null || group.isEmpty() ? "default" : group));
    }

    record SelfUpdate(String username, String displayName, String password) {
        @Override
        public String toString() {
            return "SelfUpdate[username=" + username + "]";
        }
    }

    record TopUpRequest(String key) {
        @Override
        public String toString() {
            return "TopUpRequest[<hidden>]";
        }
    }
}
