package io.oneapi.admin.auth;

import io.oneapi.storage.User;

/**
 * What the signed {@code session} cookie carries. {@code userId} 0 is an anonymous session that only holds
 * an OAuth state or a passed Turnstile check. {@code role} and {@code status} are informational: every
 * request re-reads the user, so a demotion or ban takes effect at once. {@code credentialStamp} ties the
 * session to the password hash it was made with, so a password change ends every other session.
 */
public record Session(int userId, String username, int role, int status, String credentialStamp, long expiresAt,
                      String oauthState, boolean turnstilePassed) {

    public Session {
        username = username == null ? "" : username;
        credentialStamp = credentialStamp == null ? "" : credentialStamp;
        oauthState = oauthState == null ? "" : oauthState;
    }

    public static Session anonymous(long expiresAt) {
        return new Session(0, "", 0, 0, "", expiresAt, "", false);
    }

    public boolean loggedIn() {
        return userId > 0;
    }

    /** The session after a login: keeps a passed Turnstile check, drops the OAuth state. */
    public Session withUser(User user, String stamp) {
        return new Session(user.id(), user.username(), user.role(), user.status(), stamp, expiresAt, "",
                turnstilePassed);
    }

    public Session withOAuthState(String state) {
        return new Session(userId, username, role, status, credentialStamp, expiresAt, state, turnstilePassed);
    }

    public Session withTurnstilePassed() {
        return new Session(userId, username, role, status, credentialStamp, expiresAt, oauthState, true);
    }

    public Session withExpiry(long newExpiresAt) {
        return new Session(userId, username, role, status, credentialStamp, newExpiresAt, oauthState,
                turnstilePassed);
    }

    @Override
    public String toString() {
        return "Session[userId=" + userId + ", role=" + role + "]";
    }
}
