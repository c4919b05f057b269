package io.oneapi.proxy.auth;

import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.oneapi.proxy.billing.CachedBalances;
import io.oneapi.storage.ChangeSignal;
import io.oneapi.storage.DatabaseOutage;
import io.oneapi.storage.StorageException;
import io.oneapi.storage.Token;
import io.oneapi.storage.TokenStore;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Tokens by key and users by id, served from memory so a known token costs no database round trip.
 * Misses load on the blocking executor. A change signal for tokens or users empties the matching cache at
 * once, so a token disabled or a user banned through storage stops working immediately (in this JVM, and on
 * other nodes through Redis); entries expire after {@code maxAge} (the cache lifetime: {@code SYNC_FREQUENCY}),
 * which bounds how long another node's change can go unseen without Redis. Quota itself is enforced by atomic
 * reservation, not by these figures.
 *
 * <p>While the database is unreachable ({@link DatabaseOutage}) a token or user that was read here before is
 * served as last read, even past expiry or a change signal, so cached keys keep working; their last-read
 * balances are what the quota ledger judges offline reservations against ({@link CachedBalances}).
 */
public final class AuthCache implements CachedBalances {
    private static final int MAX_TOKENS = 200_000;
    private static final int MAX_USERS = 100_000;

    private final TokenStore tokenStore;
    private final UserStore userStore;
    private final DatabaseOutage outage;
    private final AsyncLoadingCache<String, Optional<Token>> tokens;
    private final AsyncLoadingCache<Integer, Optional<User>> users;
    /** The last row read per key, kept past expiry and signals; used only while the database is unreachable. */
    private final Cache<String, Token> lastTokens = Caffeine.newBuilder().maximumSize(MAX_TOKENS).build();
    private final Cache<Integer, Token> lastTokensById = Caffeine.newBuilder().maximumSize(MAX_TOKENS).build();
    private final Cache<Integer, User> lastUsers = Caffeine.newBuilder().maximumSize(MAX_USERS).build();

    public AuthCache(TokenStore tokenStore, UserStore userStore, Executor blocking, ChangeSignal signal,
                     Duration maxAge, DatabaseOutage outage) {
        this.tokenStore = tokenStore;
        this.userStore = userStore;
        this.outage = outage;
        this.tokens = Caffeine.newBuilder()
                .maximumSize(MAX_TOKENS)
                .expireAfterWrite(maxAge)
                .executor(blocking)
                .buildAsync(this::loadToken);
        this.users = Caffeine.newBuilder()
                .maximumSize(MAX_USERS)
                .expireAfterWrite(maxAge)
                .executor(blocking)
                .buildAsync(this::loadUser);
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
        if (outage.suspected() && tokens.getIfPresent(key) == null && lastTokens.getIfPresent(key) == null) {
            return CompletableFuture.failedFuture(unreachable()); // nothing to load: fail without a load attempt
        }
        return tokens.get(key);
    }

    public CompletableFuture<Optional<User>> user(int id) {
        if (outage.suspected() && users.getIfPresent(id) == null && lastUsers.getIfPresent(id) == null) {
            return CompletableFuture.failedFuture(unreachable());
        }
        return users.get(id);
    }

    /** Drops one token, e.g. after billing changed its quota enough to matter. */
    public void forgetToken(String key) {
        tokens.synchronous().invalidate(key);
    }

    public void forgetUser(int id) {
        users.synchronous().invalidate(id);
    }

    @Override
    public OptionalLong userQuota(int userId) {
        User user = lastUsers.getIfPresent(userId);
        return user == null ? OptionalLong.empty() : OptionalLong.of(user.quota());
    }

    @Override
    public OptionalLong tokenRemainQuota(int tokenId) {
        Token token = lastTokensById.getIfPresent(tokenId);
        return token == null ? OptionalLong.empty() : OptionalLong.of(token.remainQuota());
    }

    private Optional<Token> loadToken(String key) {
        Optional<Token> found = read(() -> tokenStore.findByKey(key), () -> lastTokens.getIfPresent(key));
        if (found.isPresent()) {
            lastTokens.put(key, found.get());
            lastTokensById.put(found.get().id(), found.get());
        } else {
            lastTokens.invalidate(key);
        }
        return found;
    }

    private Optional<User> loadUser(int id) {
        Optional<User> found = read(() -> userStore.findById(id), () -> lastUsers.getIfPresent(id));
        found.ifPresentOrElse(user -> lastUsers.put(id, user), () -> lastUsers.invalidate(id));
        return found;
    }

    /**
     * Reads from the database, or, while it is unreachable, returns the last row read here (without waiting for a
     * connection once the outage is known). A row never read here fails the lookup.
     */
    private <T> Optional<T> read(Supplier<Optional<T>> database, Supplier<T> lastRead) {
        if (outage.suspected()) {
            return Optional.of(orFail(lastRead.get(), null));
        }
        try {
            return database.get();
        } catch (RuntimeException e) {
            if (outage.report(e)) {
                return Optional.of(orFail(lastRead.get(), e));
            }
            throw e;
        }
    }

    private static <T> T orFail(T value, RuntimeException cause) {
        if (value == null) {
            throw cause != null ? cause : unreachable();
        }
        return value;
    }

    private static StorageException unreachable() {
        return new StorageException("database unreachable and nothing read here before");
    }
}
