package io.oneapi.admin.api;

import io.oneapi.storage.User;

/**
 * A user as the management API shows it: One API's JSON fields minus {@code password} and, unlike One API,
 * minus {@code access_token} (an admin listing users must not obtain root's management token).
 */
public record UserView(int id, String username, String displayName, int role, int status, String email,
                       String githubId, String wechatId, String larkId, String oidcId, long quota, long usedQuota,
                       int requestCount, String group, String affCode, int inviterId) {

    public static UserView of(User u) {
        return new UserView(u.id(), u.username(), u.displayName(), u.role(), u.status(), nz(u.email()),
                nz(u.githubId()), nz(u.wechatId()), nz(u.larkId()), nz(u.oidcId()), u.quota(), u.usedQuota(),
                u.requestCount(), nz(u.group()), nz(u.affCode()), u.inviterId());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
