package io.oneapi.admin.auth;

import io.oneapi.storage.User;

/** Outcome of reading a request's credentials (inventory section 7.1). */
public record AuthResult(Kind kind, User user) {

    public enum Kind {
        /** A valid session or access token of an enabled user. */
        AUTHENTICATED,
        /** Neither a session nor an access token: HTTP 401. */
        ANONYMOUS,
        /** An access token that matches no user. */
        INVALID_TOKEN,
        /** The user is disabled or deleted; the session is cleared. */
        BANNED
    }

    public static AuthResult of(User user) {
        return new AuthResult(Kind.AUTHENTICATED, user);
    }

    public static AuthResult failed(Kind kind) {
        return new AuthResult(kind, null);
    }

    public boolean authenticated() {
        return kind == Kind.AUTHENTICATED;
    }
}
