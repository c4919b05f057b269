package io.oneapi.storage;

import java.util.List;
import java.util.Optional;

/** The {@code tokens} table. Blocking JDBC: never call it on an event loop. */
public interface TokenStore {
    Optional<Token> findByKey(String key);

    Optional<Token> findById(int id);

    /** A user's tokens, newest first. */
    List<Token> listByUser(int userId, int offset, int pageSize);

    List<Token> searchByUser(int userId, String keyword);

    int insert(Token token);

    /** Writes name, status, expiry, remain quota, unlimited flag, models and subnet. */
    void update(Token token);

    void setStatus(int id, int status);

    /** Deletes the token only when it belongs to {@code userId}; returns whether a row went. */
    boolean delete(int id, int userId);

    /**
     * Takes {@code amount} from {@code remain_quota} (adding it to {@code used_quota}) only if
     * {@code remain_quota >= amount}; one atomic statement.
     * @return true when taken
     */
    boolean reserveQuota(int id, long amount);

    /**
     * Adds {@code remainDelta} to {@code remain_quota} and {@code usedDelta} to {@code used_quota}, sets
     * {@code accessed_time}; one atomic statement.
     */
    void adjustQuota(int id, long remainDelta, long usedDelta, long accessedTime);
}
