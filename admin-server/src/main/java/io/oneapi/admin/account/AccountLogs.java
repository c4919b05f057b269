package io.oneapi.admin.account;

import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;

import java.time.Clock;

/**
 * Writes the non-consume log rows as One API does: type 1 top-up (with the credited quota), type 3 manage
 * and type 4 system, each carrying the user's current username.
 */
public final class AccountLogs {
    private final LogStore logs;
    private final UserStore users;
    private final Clock clock;

    public AccountLogs(LogStore logs, UserStore users, Clock clock) {
        this.logs = logs;
        this.users = users;
        this.clock = clock;
    }

    public void topUp(int userId, String content, long quota) {
        write(userId, LogEntry.TYPE_TOPUP, content, quota);
    }

    public void manage(int userId, String content) {
        write(userId, LogEntry.TYPE_MANAGE, content, 0);
    }

    public void system(int userId, String content) {
        write(userId, LogEntry.TYPE_SYSTEM, content, 0);
    }

    /** A channel test result (type 5); like One API's it belongs to no user. */
    public void test(int channelId, String modelName, long elapsedMillis, String content) {
        logs.insert(new LogEntry(0, 0, clock.instant().getEpochSecond(), LogEntry.TYPE_TEST, content, "", "",
                modelName, 0, 0, 0, channelId, "", elapsedMillis, false, false));
    }

    private void write(int userId, int type, String content, long quota) {
        logs.insert(new LogEntry(0, userId, clock.instant().getEpochSecond(), type, content, username(userId), "", "",
                (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, quota)), 0, 0, 0, "", 0, false, false));
    }

    private String username(int userId) {
        return users.findById(userId).map(User::username).orElse("");
    }
}
