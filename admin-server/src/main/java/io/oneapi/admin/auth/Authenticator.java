package io.oneapi.admin.auth;

import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Finds the caller of a request: the session cookie first, then the {@code Authorization} header (an access
 * token, optionally {@code Bearer}-prefixed), as One API's {@code authHelper} does. Unlike One API the user
 * row is re-read on every call, so role changes, bans and password changes apply at once.
 */
public final class Authenticator {
    private final UserStore users;
    private final SessionCodec sessions;

    public Authenticator(UserStore users, SessionCodec sessions) {
        this.users = users;
        this.sessions = sessions;
    }

    public AuthResult authenticate(Optional<Session> session, String authorization) {
        if (session.isPresent() && session.get().loggedIn()) {
            return fromSession(session.get());
        }
        String token = bareToken(authorization);
        if (token.isEmpty()) {
            return AuthResult.failed(AuthResult.Kind.ANONYMOUS);
        }
        return fromAccessToken(token);
    }

    private AuthResult fromSession(Session session) {
        Optional<User> user = users.findById(session.userId());
        if (user.isEmpty() || !sessions.stampMatches(session.credentialStamp(), user.get().password())) {
            // Deleted row or changed password: the session no longer proves anything.
            return AuthResult.failed(AuthResult.Kind.BANNED);
        }
        return enabled(user.get());
    }

    private AuthResult fromAccessToken(String token) {
        Optional<User> user = users.findByAccessToken(token);
        // The lookup is an indexed equality; compare again in constant time so a lenient collation
        // (case-insensitive MySQL) cannot make a near-miss token match.
        if (user.isEmpty() || user.get().accessToken() == null || !MessageDigest.isEqual(
                user.get().accessToken().getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
            return AuthResult.failed(AuthResult.Kind.INVALID_TOKEN);
        }
        return enabled(user.get());
    }

    private static AuthResult enabled(User user) {
        return user.enabled() ? AuthResult.of(user) : AuthResult.failed(AuthResult.Kind.BANNED);
    }

    static String bareToken(String authorization) {
        if (authorization == null) {
            return "";
        }
        String value = authorization.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).trim();
        }
        return value;
    }
}
