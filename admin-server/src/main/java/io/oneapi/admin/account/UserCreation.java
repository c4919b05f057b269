package io.oneapi.admin.account;

import io.oneapi.storage.Keys;
import io.oneapi.storage.Passwords;
import io.oneapi.storage.Token;
import io.oneapi.storage.TokenStore;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;
import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.options.Options;

import java.time.Clock;

/**
 * Creates an account the way every One API registration path does (inventory section 5.7): bcrypt password,
 * {@code QuotaForNewUser}, a fresh access token and aff code, invitation gifts for both sides, system logs for
 * each gift, and an unlimited, never-expiring token named {@code default}.
 */
public final class UserCreation {
    private final UserStore users;
    private final TokenStore tokens;
    private final AccountLogs logs;
    private final LiveOptions options;
    private final QuotaText quotaText;
    private final Clock clock;

    public UserCreation(UserStore users, TokenStore tokens, AccountLogs logs, LiveOptions options, Clock clock) {
        this.users = users;
        this.tokens = tokens;
        this.logs = logs;
        this.options = options;
        this.quotaText = new QuotaText(options);
        this.clock = clock;
    }

    /** @return the new user's id */
    public int create(NewUser input) {
        Options current = options.current();
        long quotaForNewUser = current.quotaForNewUser();
        String password = input.password().isEmpty() ? RandomText.alphanumeric(24) : input.password();
        String displayName = input.displayName().isEmpty() ? input.username() : input.displayName();
        User user = new User(0, input.username(), Passwords.hash(password), displayName, User.ROLE_COMMON,
                User.STATUS_ENABLED, input.email(), input.githubId(), input.wechatId(), input.larkId(), input.oidcId(),
                Keys.accessToken(), quotaForNewUser, 0, 0, "default", Keys.affCode(), input.inviterId());
        int id = users.insert(user);
        if (quotaForNewUser > 0) {
            logs.system(id, "Gift for new user registration: " + quotaText.of(quotaForNewUser));
        }
        if (input.inviterId() != 0) {
            giveInvitationGifts(id, input.inviterId(), current);
        }
        long now = clock.instant().getEpochSecond();
        tokens.insert(new Token(0, id, Keys.tokenKey(), Token.STATUS_ENABLED, "default", now, now, -1, 0, true, 0,
                "", ""));
        return id;
    }

    private void giveInvitationGifts(int inviteeId, int inviterId, Options current) {
        long forInvitee = current.quotaForInvitee();
        if (forInvitee > 0) {
            users.grantQuota(inviteeId, forInvitee);
            logs.system(inviteeId, "Gift for using an invitation code: " + quotaText.of(forInvitee));
        }
        long forInviter = current.quotaForInviter();
        if (forInviter > 0) {
            users.grantQuota(inviterId, forInviter);
            logs.system(inviterId, "Gift for inviting a user: " + quotaText.of(forInviter));
        }
    }
}
