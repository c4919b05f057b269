package io.oneapi.admin.queries;

import io.oneapi.storage.Database;

/** One API names OAuth-created accounts {@code <provider>_<max id + 1>}. */
public final class UserIds {
    private final Database db;

    public UserIds(Database db) {
        this.db = db;
    }

    public long next() {
        return db.queryLong("SELECT MAX(id) FROM users") + 1;
    }
}
