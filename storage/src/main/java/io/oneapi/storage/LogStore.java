package io.oneapi.storage;

import java.util.List;

/** The {@code logs} table (possibly on its own database, {@code LOG_SQL_DSN}). Blocking JDBC. */
public interface LogStore {
    /** Inserts one row, returns its id. */
    int insert(LogEntry entry);

    /** Inserts rows in one batch and one transaction. */
    void insertAll(List<LogEntry> entries);

    /** Rows matching {@code filter}, newest first. */
    List<LogEntry> find(LogFilter filter, int offset, int pageSize);

    /** Sum of {@code quota} over rows matching {@code filter}. */
    long sumQuota(LogFilter filter);

    /** Deletes rows created before {@code unixSeconds}; returns how many. */
    long deleteBefore(long unixSeconds);

    /** Per-day, per-model aggregates of consume logs of one user (0 = every user) since {@code fromUnix}. */
    List<DailyModelUsage> dailyUsage(int userId, long fromUnix, long toUnix);

    /**
     * Filter for log queries; empty strings and zeros mean "any".
     *
     * @param type 0 for every type
     */
    record LogFilter(int type, int userId, String username, String tokenName, String modelName, long startTime,
                     long endTime, int channelId) {
        public static LogFilter any() {
            return new LogFilter(0, 0, "", "", "", 0, 0, 0);
        }
    }

    /** One day's usage of one model: {@code day} as {@code yyyy-MM-dd}. */
    record DailyModelUsage(String day, String modelName, long requestCount, long quota, long promptTokens,
                           long completionTokens) {
    }
}
