package io.oneapi.proxy.auth;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.oneapi.storage.ChangeSignal;
import io.oneapi.storage.Token;
import io.oneapi.storage.TokenStore;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Tokens by key and users by id, served from memory so a known token costs no database round trip.
 * Misses load on the blocking executor. A change signal for tokens or users empties the matching cache at
 * once, so a token disabled or a user banned through storage stops working immediately in this JVM; the
 * short expiry bounds staleness of quota figures (quota itself is enforced by atomic reservation).
 */
public final class AuthCache {
    private final AsyncLoadingCache<String, Optional<Token>> tokens;
    private final AsyncLoadingCache<Integer, Optional<User>> users;

    public AuthCache(TokenStore tokenStore, UserStore userStore, Executor blocking, ChangeSignal signal,
                     Duration maxAge) {
        this.tokens = Caffeine.newBuilder()
                .maximumSize(200_000)
                .expireAfterWrite(maxAge)
                .executor(blocking)
                .buildAsync(tokenStore::findByKey);
        this.users = Caffeine.newBuilder()
                .maximumSize(100_000)
                .expireAfterWrite(maxAge)
                .executor(blocking)
                .buildAsync(userStore::findById);
        signal.subscribe(topic -> {
            switch (topic) {
                case TOKENS -> tokens.synchronous().invalidateAll();
                case USERS -> users.synchronous().invalidateAll();
                default -> {
                }
            }
        });
    }

    public CompletableFuture<Optional<Token>> token(String key) {
        return tokens.get(key);
    }

    public CompletableFuture<Optional<User>> user(int id) {
        return users.get(id);
    }

    /** Drops one token, e.g. after billing changed its quota enough to matter. */
    public void forgetToken(String key) {
        tokens.synchronous().invalidate(key);
    }

    public void forgetUser(int id) {
        users.synchronous().invalidate(id);
    }
}
