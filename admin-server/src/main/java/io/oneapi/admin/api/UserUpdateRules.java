package io.oneapi.admin.api;

import io.oneapi.admin.account.UserDraft;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.storage.Passwords;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;

/**
 * Applies an admin's {@code PUT /api/user/} to a user row. Unlike One API (which writes every non-zero field,
 * access token and aff code included) only profile fields, bindings, group, role and status are writable;
 * quota is applied separately so it can be logged. A new role must stay below the caller's unless root.
 */
final class UserUpdateRules {
    private final UserStore users;

    UserUpdateRules(UserStore users) {
        this.users = users;
    }

    User apply(User caller, User target, UserAdminApi.UserUpdate body) {
        UserDraft draft = UserDraft.of(target);
        if (present(body.username())) {
            String username = UserInput.username(body.username(), target.username());
            if (!username.equals(target.username()) && users.findByUsername(username).isPresent()) {
                throw new ApiFailure("username is already taken");
            }
            draft.username(username);
        }
        String password = UserInput.optionalPassword(body.password());
        if (!password.isEmpty()) {
            draft.passwordHash(Passwords.hash(password));
        }
        if (present(body.displayName())) {
            draft.displayName(UserInput.displayName(body.displayName()));
        }
        if (present(body.group())) {
            draft.group(group(body.group()));
        }
        if (body.email() != null) {
            draft.email(UserInput.email(body.email()));
        }
        if (body.githubId() != null) {
            draft.githubId(body.githubId());
        }
        if (body.wechatId() != null) {
            draft.wechatId(body.wechatId());
        }
        if (body.larkId() != null) {
            draft.larkId(body.larkId());
        }
        if (body.oidcId() != null) {
            draft.oidcId(body.oidcId());
        }
        if (body.role() != null && body.role() != target.role()) {
            draft.role(role(caller, body.role()));
        }
        if (body.status() != null && body.status() != target.status()) {
            draft.status(status(target, body.status()));
        }
        if (body.quota() != null && body.quota() < 0) {
            throw new ApiFailure("invalid input: quota must not be negative");
        }
        return draft.build();
    }

    private static int role(User caller, int role) {
        if (role != User.ROLE_COMMON && role != User.ROLE_ADMIN && role != User.ROLE_ROOT) {
            throw new ApiFailure("invalid input: unknown role " + role);
        }
        if (role >= caller.role() && caller.role() < User.ROLE_ROOT) {
            throw new ApiFailure("no permission to raise a user to the same or a higher role than your own");
        }
        return role;
    }

    private static int status(User target, int status) {
        if (status != User.STATUS_ENABLED && status != User.STATUS_DISABLED) {
            throw new ApiFailure("invalid input: status must be 1 (enabled) or 2 (disabled)");
        }
        if (status == User.STATUS_DISABLED && target.role() >= User.ROLE_ROOT) {
            throw new ApiFailure("cannot disable the root user");
        }
        return status;
    }

    private static String group(String group) {
        String g = group.trim();
        if (g.length() > 32) {
            throw new ApiFailure("invalid input: group must be at most 32 characters");
        }
        return g;
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }
}
