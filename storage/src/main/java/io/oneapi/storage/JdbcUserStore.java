package io.oneapi.storage;

import static io.oneapi.storage.Columns.fixed;
import static io.oneapi.storage.Columns.nullIfBlank;
import static io.oneapi.storage.Columns.text;

import io.oneapi.storage.ChangeSignal.Topic;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link UserStore} over JDBC. Admin edits publish {@link Topic#USERS}; quota reservations, adjustments and usage
 * counters do not (they happen on every relayed request and the relay reads quota from the database anyway).
 */
final class JdbcUserStore implements UserStore {
    private static final Set<String> OAUTH_COLUMNS = Set.of("github_id", "wechat_id", "lark_id", "oidc_id");

    private final Database db;
    private final ChangeSignal changes;
    private final String columns;
    private final String group;

    JdbcUserStore(Database db, ChangeSignal changes) {
        this.db = db;
        this.changes = changes;
        this.columns = columns(db.dialect());
        this.group = db.dialect().quote("group");
    }

    static String columns(Dialect d) {
        return "id, username, password, display_name, role, status, email, github_id, wechat_id, lark_id, oidc_id, "
                + "access_token, quota, used_quota, request_count, " + d.quote("group") + ", aff_code, inviter_id";
    }

    private static User map(ResultSet rs) throws SQLException {
        return new User(rs.getInt("id"), text(rs, "username"), text(rs, "password"), text(rs, "display_name"),
                rs.getInt("role"), rs.getInt("status"), text(rs, "email"), text(rs, "github_id"),
                text(rs, "wechat_id"), text(rs, "lark_id"), text(rs, "oidc_id"), fixed(rs, "access_token"),
                rs.getLong("quota"), rs.getLong("used_quota"), rs.getInt("request_count"), text(rs, "group"),
                text(rs, "aff_code"), rs.getInt("inviter_id"));
    }

    @Override
    public Map<Integer, Long> quotas(Collection<Integer> ids) {
        Map<Integer, Long> quotas = new HashMap<>();
        List<Integer> all = List.copyOf(ids);
        for (int from = 0; from < all.size(); from += QUOTAS_PER_STATEMENT) {
            List<Integer> part = all.subList(from, Math.min(all.size(), from + QUOTAS_PER_STATEMENT));
            String marks = String.join(", ", Collections.nCopies(part.size(), "?"));
            for (long[] row : db.query("SELECT id, quota FROM users WHERE id IN (" + marks + ")",
                    rs -> new long[] {rs.getInt("id"), rs.getLong("quota")}, part.toArray())) {
                quotas.put((int) row[0], row[1]);
            }
        }
        return quotas;
    }

    @Override
    public Optional<User> findById(int id) {
        return findBy("id", id);
    }

    @Override
    public Optional<User> findByUsername(String username) {
        return findByText("username", username);
    }

    @Override
    public Optional<User> findByAccessToken(String accessToken) {
        return findByText("access_token", accessToken);
    }

    @Override
    public Optional<User> findByAffCode(String affCode) {
        return findByText("aff_code", affCode);
    }

    @Override
    public Optional<User> findByEmail(String email) {
        return findByText("email", email);
    }

    @Override
    public Optional<User> findByOAuthId(String column, String value) {
        if (!OAUTH_COLUMNS.contains(column)) {
            throw new IllegalArgumentException("not an OAuth binding column: " + column);
        }
        return findByText(column, value);
    }

    /** Blank never matches: several users legitimately have no e-mail, no GitHub id, and so on. */
    private Optional<User> findByText(String column, String value) {
        return value == null || value.isBlank() ? Optional.empty() : findBy(column, value);
    }

    private Optional<User> findBy(String column, Object value) {
        return db.queryOne("SELECT " + columns + " FROM users WHERE " + column + " = ? ORDER BY id", JdbcUserStore::map,
                value);
    }

    @Override
    public long count() {
        return db.queryLong("SELECT COUNT(*) FROM users");
    }

    @Override
    public List<User> list(int offset, int pageSize) {
        return db.query("SELECT " + columns + " FROM users WHERE status <> ? ORDER BY id DESC LIMIT ? OFFSET ?",
                JdbcUserStore::map, User.STATUS_DELETED, pageSize, offset);
    }

    @Override
    public List<User> search(String keyword) {
        String like = Columns.startsWith(keyword);
        return db.query("SELECT " + columns + " FROM users WHERE status <> ? AND (id = ? OR username LIKE ? ESCAPE '!'"
                        + " OR email LIKE ? ESCAPE '!' OR display_name LIKE ? ESCAPE '!') ORDER BY id DESC",
                JdbcUserStore::map, User.STATUS_DELETED, Columns.idOrZero(keyword), like, like, like);
    }

    @Override
    public int insert(User user) {
        return insert(db, user);
    }

    /** Inserts on {@code sql}, which may be a transaction (first boot). */
    int insert(Sql sql, User user) {
        return (int) sql.insert("INSERT INTO users (username, password, display_name, role, status, email, github_id,"
                        + " wechat_id, lark_id, oidc_id, access_token, quota, used_quota, request_count, " + group
                        + ", aff_code, inviter_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                user.username(), user.password(), user.displayName(), user.role(), user.status(), user.email(),
                user.githubId(), user.wechatId(), user.larkId(), user.oidcId(), nullIfBlank(user.accessToken()),
                user.quota(), user.usedQuota(), user.requestCount(), groupOrDefault(user.group()),
                nullIfBlank(user.affCode()), user.inviterId());
    }

    @Override
    public void update(User user) {
        db.update("UPDATE users SET username = ?, password = ?, display_name = ?, role = ?, status = ?, email = ?,"
                        + " github_id = ?, wechat_id = ?, lark_id = ?, oidc_id = ?, access_token = ?, " + group
                        + " = ?, aff_code = ?, inviter_id = ? WHERE id = ?",
                user.username(), user.password(), user.displayName(), user.role(), user.status(), user.email(),
                user.githubId(), user.wechatId(), user.larkId(), user.oidcId(), nullIfBlank(user.accessToken()),
                groupOrDefault(user.group()), nullIfBlank(user.affCode()), user.inviterId(), user.id());
        changes.publish(Topic.USERS);
    }

    @Override
    public void update(User before, User after) {
        if (before.id() != after.id()) {
            throw new IllegalArgumentException("not the same user: " + before.id() + " and " + after.id());
        }
        List<String> sets = new ArrayList<>();
        List<Object> args = new ArrayList<>();
        changed(sets, args, "username", before.username(), after.username());
        changed(sets, args, "password", before.password(), after.password());
        changed(sets, args, "display_name", before.displayName(), after.displayName());
        changed(sets, args, "role", before.role(), after.role());
        changed(sets, args, "status", before.status(), after.status());
        changed(sets, args, "email", before.email(), after.email());
        changed(sets, args, "github_id", before.githubId(), after.githubId());
        changed(sets, args, "wechat_id", before.wechatId(), after.wechatId());
        changed(sets, args, "lark_id", before.larkId(), after.larkId());
        changed(sets, args, "oidc_id", before.oidcId(), after.oidcId());
        changed(sets, args, "access_token", nullIfBlank(before.accessToken()), nullIfBlank(after.accessToken()));
        changed(sets, args, group, groupOrDefault(before.group()), groupOrDefault(after.group()));
        changed(sets, args, "aff_code", nullIfBlank(before.affCode()), nullIfBlank(after.affCode()));
        changed(sets, args, "inviter_id", before.inviterId(), after.inviterId());
        if (sets.isEmpty()) {
            return;
        }
        args.add(after.id());
        // Column names come from the fixed list above; values are bound.
        db.update("UPDATE users SET " + String.join(", ", sets) + " WHERE id = ?", args.toArray());
        changes.publish(Topic.USERS);
    }

    private static void changed(List<String> sets, List<Object> args, String column, Object before, Object after) {
        if (!java.util.Objects.equals(before, after)) {
            sets.add(column + " = ?");
            args.add(after);
        }
    }

    @Override
    public void setQuota(int id, long quota) {
        db.update("UPDATE users SET quota = ? WHERE id = ?", quota, id);
        changes.publish(Topic.USERS);
    }

    @Override
    public void addQuota(int id, long delta) {
        db.update("UPDATE users SET quota = quota + ? WHERE id = ?", delta, id);
    }

    @Override
    public void grantQuota(int id, long delta) {
        addQuota(id, delta);
        changes.publish(Topic.USERS);
    }

    @Override
    public boolean reserveQuota(int id, long amount) {
        if (amount < 0) {
            throw new IllegalArgumentException("cannot reserve a negative amount: " + amount);
        }
        // One statement: the row lock makes concurrent reservations queue, and each re-checks the balance.
        return db.update("UPDATE users SET quota = quota - ? WHERE id = ? AND quota >= ?", amount, id, amount) == 1;
    }

    @Override
    public void addUsage(int id, long usedQuota, int requests) {
        db.update("UPDATE users SET used_quota = used_quota + ?, request_count = request_count + ? WHERE id = ?",
                usedQuota, requests, id);
    }

    @Override
    public void softDelete(int id) {
        db.update("UPDATE users SET status = ?, username = ? WHERE id = ?", User.STATUS_DELETED,
                "deleted_" + Keys.dashlessUuid(), id);
        changes.publish(Topic.USERS);
    }

    private static String groupOrDefault(String group) {
        return group == null || group.isBlank() ? "default" : group;
    }
}
