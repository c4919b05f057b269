package io.oneapi.admin.account;

import io.oneapi.storage.Passwords;
import io.oneapi.storage.User;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tells whether root still has the first-boot password {@code 123456}, so login and {@code /api/user/self}
 * can ask the UI to force a change (One API only advises it). bcrypt is slow on purpose, so the answer is
 * remembered per hash: a new password means a new hash and a fresh check.
 */
public final class DefaultPasswordCheck {
    static final String FIRST_BOOT_PASSWORD = "123456";
    private static final int MEMORY = 16;

    private final Map<String, Boolean> byHash = new ConcurrentHashMap<>();

    public boolean mustChange(User user) {
        if (user.role() < User.ROLE_ROOT || user.password() == null || user.password().isEmpty()) {
            return false;
        }
        if (byHash.size() > MEMORY) {
            byHash.clear();
        }
        return byHash.computeIfAbsent(user.password(), h -> Passwords.verify(FIRST_BOOT_PASSWORD, h));
    }
}
