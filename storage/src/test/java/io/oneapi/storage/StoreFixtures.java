package io.oneapi.storage;

/** Rows for store tests. */
final class StoreFixtures {
    private StoreFixtures() {
    }

    static User user(String username) {
        return new User(0, username, OneApiDatabase.GO_HASH, username + " display", User.ROLE_COMMON,
                User.STATUS_ENABLED, username + "@example.com", "", "", "", "", Keys.accessToken(), 1000, 0, 0,
                "default", Keys.affCode(), 0);
    }

    static Token token(int userId, String key) {
        return new Token(0, userId, key, Token.STATUS_ENABLED, "token-" + key.substring(0, 4), 1_700_000_000L,
                1_700_000_000L, -1, 1000, false, 0, "", "");
    }

    static ProviderChannel channel(String name, String models, String groups) {
        return new ProviderChannel(0, 1, "sk-" + name, ProviderChannel.STATUS_ENABLED, name, 0, 1_700_000_000L, 0, 0,
                "", "", 0, 0, models, groups, 0, "", 5, "{}", "");
    }

    static LogEntry consumeLog(int userId, long at, String model, int quota) {
        return new LogEntry(0, userId, at, LogEntry.TYPE_CONSUME, "", "user" + userId, "tok", model, quota, 10, 5, 1,
                "req", 100, false, false);
    }
}
