package io.oneapi.admin.account;

/**
 * What a registration path supplies for a new account. {@code password} is the raw password ("" for OAuth
 * accounts, which get a random one); OAuth id fields are "" unless that path set them.
 */
public record NewUser(String username, String password, String displayName, String email, String githubId,
                      String wechatId, String larkId, String oidcId, int inviterId) {

    public static NewUser withPassword(String username, String password, String displayName) {
        return new NewUser(username, password, displayName, "", "", "", "", "", 0);
    }

    public NewUser withEmail(String value) {
        return new NewUser(username, password, displayName, value, githubId, wechatId, larkId, oidcId, inviterId);
    }

    /** An OAuth account: {@code column} is {@code github_id}, {@code wechat_id}, {@code lark_id} or {@code oidc_id}. */
    public static NewUser oauth(String username, String displayName, String email, String column, String id) {
        return new NewUser(username, "", displayName, email, column.equals("github_id") ? id : "",
                column.equals("wechat_id") ? id : "", column.equals("lark_id") ? id : "",
                column.equals("oidc_id") ? id : "", 0);
    }

    public NewUser withInviter(int id) {
        return new NewUser(username, password, displayName, email, githubId, wechatId, larkId, oidcId, id);
    }

    @Override
    public String toString() {
        return "NewUser[username=" + username + "]";
    }
}
