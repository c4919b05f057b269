package io.oneapi.admin.api;

import io.oneapi.admin.account.UserDraft;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.Envelope;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;

import java.util.Map;

/**
 * {@code POST /api/user/manage {username, action}}: disable, enable, delete, promote, demote with One API's
 * rules (root is never disabled, deleted or demoted; only root promotes). Replies {@code {role, status}}.
 */
final class UserManageAction {
    private final UserStore users;

    UserManageAction(UserStore users) {
        this.users = users;
    }

    Envelope handle(ApiRequest req) {
        User me = req.caller();
        ManageRequest body = req.body(ManageRequest.class);
        User target = users.findByUsername(body.username() == null ? "" : body.username())
                .filter(u -> u.status() != User.STATUS_DELETED)
                .orElseThrow(() -> new ApiFailure("user not found"));
        UserAdminApi.requireAbove(me, target, "no permission to update a user of the same or a higher role");
        String action = body.action() == null ? "" : body.action();
        User result = switch (action) {
            case "disable" -> {
                refuseRoot(target, "cannot disable the root user");
                yield save(target, UserDraft.of(target).status(User.STATUS_DISABLED).build());
            }
            case "enable" -> save(target, UserDraft.of(target).status(User.STATUS_ENABLED).build());
            case "delete" -> {
                refuseRoot(target, "cannot delete the root user");
                users.softDelete(target.id());
                yield UserDraft.of(target).status(User.STATUS_DELETED).build();
            }
            case "promote" -> {
                if (me.role() < User.ROLE_ROOT) {
                    throw new ApiFailure("only root can promote users to admin");
                }
                if (target.role() >= User.ROLE_ADMIN) {
                    throw new ApiFailure("the user is already an admin");
                }
                yield save(target, UserDraft.of(target).role(User.ROLE_ADMIN).build());
            }
            case "demote" -> {
                refuseRoot(target, "cannot demote the root user");
                if (target.role() == User.ROLE_COMMON) {
                    throw new ApiFailure("the user is already a common user");
                }
                yield save(target, UserDraft.of(target).role(User.ROLE_COMMON).build());
            }
            default -> throw new ApiFailure("invalid parameters: unknown action");
        };
        return Envelope.ok(Map.of("role", result.role(), "status", result.status()));
    }

    private User save(User before, User after) {
        users.update(before, after);
        return after;
    }

    private static void refuseRoot(User target, String message) {
        if (target.role() >= User.ROLE_ROOT) {
            throw new ApiFailure(message);
        }
    }

    record ManageRequest(String username, String action) {
    }
}
