package io.oneapi.admin.queries;

import io.oneapi.storage.Database;

import java.util.function.Supplier;

/** Root's e-mail address, where notifications go when Message Pusher is not configured or fails. */
public final class RootContact implements Supplier<String> {
    private final Database db;

    public RootContact(Database db) {
        this.db = db;
    }

    @Override
    public String get() {
        return db.queryOne("SELECT email FROM users WHERE role >= 100 AND status = 1 ORDER BY id LIMIT 1",
                rs -> rs.getString(1)).orElse("");
    }
}
