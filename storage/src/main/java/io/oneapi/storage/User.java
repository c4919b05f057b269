package io.oneapi.storage;

/**
 * A row of {@code users}. {@code password} holds the bcrypt hash; {@code accessToken} is the management
 * API token. Neither is ever printed (see {@link #toString()}).
 */
public record User(int id, String username, String password, String displayName, int role, int status,
                   String email, String githubId, String wechatId, String larkId, String oidcId,
                   String accessToken, long quota, long usedQuota, int requestCount, String group,
                   String affCode, int inviterId) {

    public static final int ROLE_GUEST = 0;
    public static final int ROLE_COMMON = 1;
    public static final int ROLE_ADMIN = 10;
    public static final int ROLE_ROOT = 100;

    public static final int STATUS_ENABLED = 1;
    public static final int STATUS_DISABLED = 2;
    public static final int STATUS_DELETED = 3;

    public boolean enabled() {
        return status == STATUS_ENABLED;
    }

    public boolean isAdmin() {
        return role >= ROLE_ADMIN;
    }

    @Override
    public String toString() {
        return "User[id=" + id + ", username=" + username + ", role=" + role + ", status=" + status + ", group="
                + group + ", quota=" + quota + "]";
    }
}
