package io.oneapi.admin.queries;

import io.oneapi.storage.Database;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The admin user list with One API's {@code order} parameter ({@code quota}, {@code used_quota},
 * {@code request_count}, else newest first), deleted users excluded. The store has no ordered page, so the ids
 * are chosen here and the rows read through the store (ten per page).
 */
public final class UserListing {
    private static final Map<String, String> ORDERS = Map.of(
            "quota", "quota", "used_quota", "used_quota", "request_count", "request_count");

    private final Database db;
    private final UserStore users;

    public UserListing(Database db, UserStore users) {
        this.db = db;
        this.users = users;
    }

    public List<User> page(String order, int offset, int pageSize) {
        String column = ORDERS.get(order);
        if (column == null) {
            return users.list(offset, pageSize);
        }
        // The column comes from the fixed map above, never from the request.
        List<Integer> ids = db.query("SELECT id FROM users WHERE status <> 3 ORDER BY " + column
                + " DESC, id DESC LIMIT ? OFFSET ?", rs -> rs.getInt(1), pageSize, offset);
        return ids.stream().map(users::findById).flatMap(Optional::stream).toList();
    }
}
