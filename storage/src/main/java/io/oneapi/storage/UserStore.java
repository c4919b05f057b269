package io.oneapi.storage;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code users} table. Blocking JDBC: never call it on an event loop. */
public interface UserStore {
    Optional<User> findById(int id);

    Optional<User> findByUsername(String username);

    Optional<User> findByAccessToken(String accessToken);

    Optional<User> findByAffCode(String affCode);

    Optional<User> findByEmail(String email);

    /** Looks a user up by an OAuth binding column: {@code github_id}, {@code wechat_id}, {@code lark_id}, {@code oidc_id}. */
    Optional<User> findByOAuthId(String column, String value);

    long count();

    /** Users not deleted, newest first, {@code pageSize} rows from {@code offset}. */
    List<User> list(int offset, int pageSize);

    /** Users whose id, username, display name or email match {@code keyword}. */
    List<User> search(String keyword);

    /** Inserts and returns the new id ({@code user.id()} is ignored). */
    int insert(User user);

    /** Writes every column of {@code user} except {@code quota}, {@code used_quota}, {@code request_count}. */
    void update(User user);

    /**
     * Writes only the columns in which {@code after} differs from {@code before} (the row as the caller read it),
     * so that a concurrent edit of another column (an admin's ban while the user changes a password) is not undone
     * by a stale copy of the whole row.
     */
    void update(User before, User after);

    /** Sets the absolute quota (admin edit). */
    void setQuota(int id, long quota);

    /** Adds {@code delta} (may be negative) to {@code quota} atomically. */
    void addQuota(int id, long delta);

    /**
     * Adds quota from outside the relay's billing (top-up, invitation reward) and announces it, so the relay's
     * quota counters re-read the balance instead of judging against the old one.
     */
    void grantQuota(int id, long delta);

    /**
     * Takes {@code amount} from {@code quota} only if that leaves it non-negative; one atomic statement.
     * @return true when taken
     */
    boolean reserveQuota(int id, long amount);

    /**
     * The current quota of each of {@code ids} that names a user; ids without a row are left out. One statement per
     * {@value #QUOTAS_PER_STATEMENT} ids.
     */
    Map<Integer, Long> quotas(Collection<Integer> ids);

    int QUOTAS_PER_STATEMENT = 500;

    /** Adds to {@code used_quota} and {@code request_count} atomically. */
    void addUsage(int id, long usedQuota, int requests);

    /** Soft delete: status 3 and username {@code deleted_<uuid>}. */
    void softDelete(int id);
}
