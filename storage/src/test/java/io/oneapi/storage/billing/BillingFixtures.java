package io.oneapi.storage.billing;

import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.ProviderChannel;
import io.oneapi.storage.Storage;
import io.oneapi.storage.Token;
import io.oneapi.storage.User;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** Rows for billing tests (shared with proxy-core's ledger tests through the storage test-jar). */
public final class BillingFixtures {
    private BillingFixtures() {
    }

    public static int user(Storage storage, long quota) {
        String name = "u" + UUID.randomUUID().toString().substring(0, 8);
        return storage.users().insert(new User(0, name, "", name, User.ROLE_COMMON, User.STATUS_ENABLED, "", "", "",
                "", "", "", quota, 0, 0, "default", "", 0));
    }

    public static int token(Storage storage, int userId, long remainQuota, boolean unlimited) {
        String key = (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "").substring(0, 48);
        return storage.tokens().insert(new Token(0, userId, key, Token.STATUS_ENABLED, "t", 1, 0, -1, remainQuota,
                unlimited, 0, "", ""));
    }

    public static int channel(Storage storage) {
        return storage.channels().insert(new ProviderChannel(0, 1, "sk-test", ProviderChannel.STATUS_ENABLED, "c",
                0, 1, 0, 0, "", "", 0, 0, "gpt-4", "default", 0, "", 0, "", ""));
    }

    public static LogEntry consumeLog(int userId, int channelId, int quota, String requestId) {
        return new LogEntry(0, userId, 1_700_000_000, LogEntry.TYPE_CONSUME, "model ratio 15.00", "user", "t",
                "gpt-4", quota, 10, 20, channelId, requestId, 5, false, false);
    }

    public static long sumLoggedQuota(LogStore logs, int userId) {
        return logs.sumQuota(new LogStore.LogFilter(LogEntry.TYPE_CONSUME, userId, "", "", "", 0, 0, 0));
    }

    public static long countLogs(LogStore logs, int userId) {
        return logs.find(new LogStore.LogFilter(0, userId, "", "", "", 0, 0, 0), 0, 100_000).size();
    }

    /**
     * Runs raw SQL on a SQLite test database through its own connection: tests use it to make the real database
     * fail (rename a table away) and recover, instead of mocking a store.
     */
    public static void sqlite(Path file, String sql) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
            s.execute("PRAGMA busy_timeout = 5000");
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

}
