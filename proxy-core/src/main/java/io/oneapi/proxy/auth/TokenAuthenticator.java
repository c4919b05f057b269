package io.oneapi.proxy.auth;

import io.oneapi.proxy.client.OpenAiError;
import io.oneapi.storage.Token;
import io.oneapi.storage.User;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;

/**
 * Authenticates an API key against the cached tokens and users. A known key completes at once on the
 * calling thread; a miss completes on the blocking executor after one database read.
 */
public final class TokenAuthenticator {
    private final AuthCache cache;

    public TokenAuthenticator(AuthCache cache) {
        this.cache = cache;
    }

    /** The outcome: either a usable token and its owner, or the error to answer with. */
    public record Result(Token token, User user, PresentedKey key, OpenAiError error) {
        static Result failed(OpenAiError error) {
            return new Result(null, null, null, error);
        }

        public boolean ok() {
            return error == null;
        }
    }

    public CompletableFuture<Result> authenticate(String authorization, InetAddress client, long nowSeconds) {
        PresentedKey key = PresentedKey.parse(authorization);
        if (key.key().isEmpty()) {
            return CompletableFuture.completedFuture(Result.failed(TokenChecks.missingKey()));
        }
        return cache.token(key.key()).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(Result.failed(TokenChecks.unknownKey()));
            }
            Token token = found.get();
            OpenAiError error = TokenChecks.checkToken(token, nowSeconds);
            if (error == null) {
                error = TokenChecks.checkSubnet(token, client);
            }
            if (error != null) {
                return CompletableFuture.completedFuture(Result.failed(error));
            }
            return cache.user(token.userId()).thenApply(user -> {
                OpenAiError userError = TokenChecks.checkUser(user.orElse(null));
                return userError != null ? Result.failed(userError) : new Result(token, user.get(), key, null);
            });
        }).exceptionally(e -> Result.failed(TokenChecks.lookupFailed()));
    }
}
