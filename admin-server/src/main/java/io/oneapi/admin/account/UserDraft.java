package io.oneapi.admin.account;

import io.oneapi.storage.User;

/** A mutable copy of a {@link User} row for edits; {@link #build()} gives the row back. */
public final class UserDraft {
    private final User base;
    private String username;
    private String password;
    private String displayName;
    private int role;
    private int status;
    private String email;
    private String githubId;
    private String wechatId;
    private String larkId;
    private String oidcId;
    private String accessToken;
    private String group;
    private String affCode;

    private UserDraft(User u) {
        base = u;
        username = u.username();
        password = u.password();
        displayName = u.displayName();
        role = u.role();
        status = u.status();
        email = u.email();
        githubId = u.githubId();
        wechatId = u.wechatId();
        larkId = u.larkId();
        oidcId = u.oidcId();
        accessToken = u.accessToken();
        group = u.group();
        affCode = u.affCode();
    }

    public static UserDraft of(User user) {
        return new UserDraft(user);
    }

    public UserDraft username(String v) {
        username = v;
        return this;
    }

    /** @param hash a bcrypt hash, never a raw password */
    public UserDraft passwordHash(String hash) {
        password = hash;
        return this;
    }

    public UserDraft displayName(String v) {
        displayName = v;
        return this;
    }

    public UserDraft role(int v) {
        role = v;
        return this;
    }

    public UserDraft status(int v) {
        status = v;
        return this;
    }

    public UserDraft email(String v) {
        email = v;
        return this;
    }

    public UserDraft githubId(String v) {
        githubId = v;
        return this;
    }

    public UserDraft wechatId(String v) {
        wechatId = v;
        return this;
    }

    public UserDraft larkId(String v) {
        larkId = v;
        return this;
    }

    public UserDraft oidcId(String v) {
        oidcId = v;
        return this;
    }

    public UserDraft accessToken(String v) {
        accessToken = v;
        return this;
    }

    public UserDraft group(String v) {
        group = v;
        return this;
    }

    public UserDraft affCode(String v) {
        affCode = v;
        return this;
    }

    public User build() {
        return new User(base.id(), username, password, displayName, role, status, email, githubId, wechatId, larkId,
                oidcId, accessToken, base.quota(), base.usedQuota(), base.requestCount(), group, affCode,
                base.inviterId());
    }
}
