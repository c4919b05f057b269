package io.oneapi.admin.api;

import io.oneapi.admin.http.ApiFailure;

import java.nio.charset.StandardCharsets;

/**
 * One API's struct validation of user fields: username 1-12 characters, password 8-20, display name up to 20,
 * e-mail up to 50. The UI sends {@code $I_LOVE_U} as "password unchanged" (One API's sentinel).
 */
final class UserInput {
    static final String UNCHANGED_PASSWORD = "$I_LOVE_U";

    private UserInput() {
    }

    static String username(String value) {
        return username(value, null);
    }

    /**
     * A username given for a new account ({@code current} null) or to replace {@code current}. A new name may not
     * hold "@": login tries the username before the e-mail, so a user named like someone's address would lock its
     * owner out of e-mail login. Names already stored (One API allowed them) are kept.
     */
    static String username(String value, String current) {
        String v = value == null ? "" : value.trim();
        if (v.isEmpty() || v.codePointCount(0, v.length()) > 12) {
            throw new ApiFailure("invalid input: username must be 1 to 12 characters");
        }
        if (v.indexOf('@') >= 0 && !v.equals(current)) {
            throw new ApiFailure("invalid input: username must not contain @");
        }
        return v;
    }

    static String password(String value) {
        int length = value == null ? 0 : value.codePointCount(0, value.length());
        if (length < 8 || length > 20) {
            throw new ApiFailure("invalid input: password must be 8 to 20 characters");
        }
        if (value.getBytes(StandardCharsets.UTF_8).length > 72) {
            throw new ApiFailure("invalid input: password is too long"); // bcrypt reads 72 bytes at most
        }
        return value;
    }

    /** A password field of an update: "" (or the sentinel) keeps the old one. */
    static String optionalPassword(String value) {
        if (value == null || value.isEmpty() || UNCHANGED_PASSWORD.equals(value)) {
            return "";
        }
        return password(value);
    }

    static String displayName(String value) {
        String v = value == null ? "" : value;
        if (v.codePointCount(0, v.length()) > 20) {
            throw new ApiFailure("invalid input: display name must be at most 20 characters");
        }
        return v;
    }

    static String email(String value) {
        String v = value == null ? "" : value.trim();
        if (v.length() > 50) {
            throw new ApiFailure("invalid input: email must be at most 50 characters");
        }
        if (!v.isEmpty() && !v.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
            throw new ApiFailure("invalid input: malformed email address");
        }
        return v;
    }
}
