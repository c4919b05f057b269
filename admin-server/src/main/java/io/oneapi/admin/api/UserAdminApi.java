package io.oneapi.admin.api;

import io.oneapi.admin.account.AccountLogs;
import io.oneapi.admin.account.NewUser;
import io.oneapi.admin.account.UserCreation;
import io.oneapi.admin.account.UserDraft;
import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.admin.queries.UserListing;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;

import java.util.List;

/**
 * User administration (inventory section 7.4). Permission rule, stricter than One API where One API leaked:
 * an admin never reads or changes a user whose role is at least its own; only root may.
 * Lists never carry access tokens or password hashes.
 */
public final class UserAdminApi {
    private final UserStore users;
    private final UserListing listing;
    private final UserCreation creation;
    private final UserManageAction manage;
    private final AccountLogs accountLogs;

    public UserAdminApi(UserStore users, UserListing listing, UserCreation creation, AccountLogs accountLogs) {
        this.users = users;
        this.listing = listing;
        this.creation = creation;
        this.manage = new UserManageAction(users);
        this.accountLogs = accountLogs;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/user/", Access.ADMIN, this::list)
                .get("/api/user/search", Access.ADMIN, this::search)
                .get("/api/user/{id}", Access.ADMIN, this::get)
                .post("/api/user/", Access.ADMIN, this::create)
                .post("/api/user/manage", Access.ADMIN, manage::handle)
                .put("/api/user/", Access.ADMIN, this::update)
                .delete("/api/user/{id}", Access.ADMIN, this::delete);
    }

    Envelope list(ApiRequest req) {
        return Envelope.ok(views(listing.page(req.query("order"), req.pageOffset(), ApiRequest.PAGE_SIZE)));
    }

    Envelope search(ApiRequest req) {
        return Envelope.ok(views(users.search(req.query("keyword").trim()).stream()
                .filter(u -> u.status() != User.STATUS_DELETED).toList()));
    }

    Envelope get(ApiRequest req) {
        User target = existing(req.pathInt("id"));
        requireAbove(req.caller(), target, "no permission to read a user of the same or a higher role");
        return Envelope.ok(UserView.of(target));
    }

    /** Creates a common user; any role in the body is ignored. */
    Envelope create(ApiRequest req) {
        NewUserRequest body = req.body(NewUserRequest.class);
        String username = UserInput.username(body.username());
        String password = UserInput.password(body.password());
        String displayName = UserInput.displayName(body.displayName());
        if (users.findByUsername(username).isPresent()) {
            throw new ApiFailure("username is already taken");
        }
        creation.create(NewUser.withPassword(username, password, displayName));
        return Envelope.ok();
    }

    Envelope update(ApiRequest req) {
        User me = req.caller();
        UserUpdate body = req.body(UserUpdate.class);
        User target = existing(body.id() == null ? 0 : body.id());
        requireAbove(me, target, "no permission to update a user of the same or a higher role");
        User updated = new UserUpdateRules(users).apply(me, target, body);
        users.update(target, updated);
        if (body.quota() != null && body.quota() != target.quota()) {
            users.setQuota(target.id(), body.quota());
            accountLogs.manage(target.id(), "Admin changed user quota from " + target.quota() + " to " + body.quota());
        }
        return Envelope.ok();
    }

    Envelope delete(ApiRequest req) {
        User me = req.caller();
        User target = existing(req.pathInt("id"));
        // One API refuses deleting a same-or-higher role even for root (so root cannot delete root).
        if (target.role() >= me.role()) {
            throw new ApiFailure("no permission to delete a user of the same or a higher role");
        }
        users.softDelete(target.id());
        return Envelope.ok();
    }

    private User existing(int id) {
        return users.findById(id).filter(u -> u.status() != User.STATUS_DELETED)
                .orElseThrow(() -> new ApiFailure("user not found"));
    }

    static void requireAbove(User caller, User target, String message) {
        if (target.role() >= caller.role() && caller.role() < User.ROLE_ROOT) {
            throw new ApiFailure(message);
        }
    }

    private static List<UserView> views(List<User> list) {
        return list.stream().map(UserView::of).toList();
    }

    record NewUserRequest(String username, String password, String displayName) {
        @Override
        public String toString() {
            return "NewUserRequest[username=" + username + "]";
        }
    }

    /** Fields absent from the body (null) stay unchanged, like One API's non-zero-field update. */
    record UserUpdate(Integer id, String username, String password, String displayName, String group, Long quota,
                      String email, String githubId, String wechatId, String larkId, String oidcId, Integer role,
                      Integer status) {
        @Override
        public String toString() {
            return "UserUpdate[id=" + id + "]";
        }
    }
}
