package io.oneapi.admin.api;

import io.oneapi.admin.account.AccountLogs;
import io.oneapi.admin.account.QuotaText;
import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;

/**
 * {@code POST /api/topup {user_id, quota, remark}} (inventory section 5.7): an admin, or a shop behind
 * {@code TopUpLink} using an admin access token, credits a user and leaves a top-up log. Like every admin
 * action it cannot touch a user of the caller's role or higher unless the caller is root.
 */
public final class TopUpApi {
    private final UserStore users;
    private final AccountLogs logs;
    private final QuotaText quotaText;

    public TopUpApi(UserStore users, AccountLogs logs, QuotaText quotaText) {
        this.users = users;
        this.logs = logs;
        this.quotaText = quotaText;
    }

    public void register(ApiRoutes routes) {
        routes.post("/api/topup", Access.ADMIN, this::topUp);
    }

    Envelope topUp(ApiRequest req) {
        TopUpRequest body = req.body(TopUpRequest.class);
        if (body.quota() == null || body.quota() <= 0) {
            throw new ApiFailure("invalid parameters: quota must be a positive number");
        }
        User target = users.findById(body.userId() == null ? 0 : body.userId())
                .filter(u -> u.status() != User.STATUS_DELETED)
                .orElseThrow(() -> new ApiFailure("user not found"));
        UserAdminApi.requireAbove(req.caller(), target, "no permission to top up a user of the same or a higher role");
        users.grantQuota(target.id(), body.quota());
        String content = "Top up via API: " + quotaText.of(body.quota());
        if (body.remark() != null && !body.remark().isBlank()) {
            content += ", remark: " + body.remark().trim();
        }
        logs.topUp(target.id(), content, body.quota());
        return Envelope.ok();
    }

    record TopUpRequest(Integer userId, Long quota, String remark) {
    }
}
