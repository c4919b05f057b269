package io.oneapi.storage;

import static io.oneapi.storage.Columns.text;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** {@link LogStore} over JDBC, on the log database ({@code LOG_SQL_DSN}) when one is configured. */
final class JdbcLogStore implements LogStore {
    static final String COLUMNS = "id, user_id, created_at, type, content, username, token_name, model_name, quota, "
            + "prompt_tokens, completion_tokens, channel_id, request_id, elapsed_time, is_stream, system_prompt_reset";
    private static final String INSERT_INTO = "INSERT INTO logs (user_id, created_at, type, content, username,"
            + " token_name, model_name, quota, prompt_tokens, completion_tokens, channel_id, request_id, elapsed_time,"
            + " is_stream, system_prompt_reset) VALUES ";
    private static final String ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final int COLUMN_COUNT = 15;
    private static final String INSERT = INSERT_INTO + ROW;
    /**
     * Rows per multi-row INSERT in {@link #insertAll}: one statement parsed and executed per this many rows instead
     * of one per row (the billing writer inserts consume logs in batches of up to 500, so a full batch is ten full
     * statements); 50 rows x 15 columns stays far below every engine's bind-parameter limit.
     */
    static final int ROWS_PER_STATEMENT = 50;
    private static final String INSERT_FULL_CHUNK = insertOf(ROWS_PER_STATEMENT);

    private final Database db;

    JdbcLogStore(Database db) {
        this.db = db;
    }

    private static LogEntry map(ResultSet rs) throws SQLException {
        return new LogEntry(rs.getInt("id"), rs.getInt("user_id"), rs.getLong("created_at"), rs.getInt("type"),
                text(rs, "content"), text(rs, "username"), text(rs, "token_name"), text(rs, "model_name"),
                rs.getInt("quota"), rs.getInt("prompt_tokens"), rs.getInt("completion_tokens"),
                rs.getInt("channel_id"), text(rs, "request_id"), rs.getLong("elapsed_time"),
                rs.getBoolean("is_stream"), rs.getBoolean("system_prompt_reset"));
    }

    private static Object[] values(LogEntry e) {
        return new Object[] {e.userId(), e.createdAt(), e.type(), e.content(), Columns.nullToEmpty(e.username()),
                Columns.nullToEmpty(e.tokenName()), Columns.nullToEmpty(e.modelName()), e.quota(), e.promptTokens(),
                e.completionTokens(), e.channelId(), Columns.nullToEmpty(e.requestId()), e.elapsedTime(), e.isStream(),
                e.systemPromptReset()};
    }

    @Override
    public int insert(LogEntry entry) {
        return (int) db.insert(INSERT, values(entry));
    }

    @Override
    public void insertAll(List<LogEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        // Full chunks share one prepared statement (preparing a 64-row INSERT costs as much as running it).
        List<Object[]> fullChunks = new ArrayList<>();
        int from = 0;
        for (; from + ROWS_PER_STATEMENT <= entries.size(); from += ROWS_PER_STATEMENT) {
            fullChunks.add(chunkArgs(entries.subList(from, from + ROWS_PER_STATEMENT)));
        }
        List<LogEntry> rest = entries.subList(from, entries.size());
        db.inTransaction(tx -> {
            tx.batch(INSERT_FULL_CHUNK, fullChunks);
            if (!rest.isEmpty()) {
                tx.update(insertOf(rest.size()), chunkArgs(rest));
            }
            return null;
        });
    }

    private static Object[] chunkArgs(List<LogEntry> chunk) {
        Object[] args = new Object[chunk.size() * COLUMN_COUNT];
        for (int i = 0; i < chunk.size(); i++) {
            System.arraycopy(values(chunk.get(i)), 0, args, i * COLUMN_COUNT, COLUMN_COUNT);
        }
        return args;
    }

    private static String insertOf(int rows) {
        StringBuilder sql = new StringBuilder(INSERT_INTO.length() + rows * (ROW.length() + 2)).append(INSERT_INTO);
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(ROW);
        }
        return sql.toString();
    }

    @Override
    public List<LogEntry> find(LogFilter filter, int offset, int pageSize) {
        LogQuery q = new LogQuery(filter);
        return db.query("SELECT " + COLUMNS + " FROM logs" + q.where() + " ORDER BY id DESC LIMIT ? OFFSET ?",
                JdbcLogStore::map, q.args(pageSize, offset));
    }

    @Override
    public long sumQuota(LogFilter filter) {
        LogQuery q = new LogQuery(filter);
        return db.queryLong("SELECT COALESCE(SUM(quota), 0) FROM logs" + q.where(), q.args());
    }

    @Override
    public long deleteBefore(long unixSeconds) {
        return db.update("DELETE FROM logs WHERE created_at < ?", unixSeconds);
    }

    @Override
    public List<DailyModelUsage> dailyUsage(int userId, long fromUnix, long toUnix) {
        String day = db.dialect().epochDay("created_at");
        String user = userId == 0 ? "" : " AND user_id = ?";
        Object[] args = userId == 0
                ? new Object[] {LogEntry.TYPE_CONSUME, fromUnix, toUnix}
                : new Object[] {LogEntry.TYPE_CONSUME, fromUnix, toUnix, userId};
        return db.query("SELECT " + day + " AS day, model_name, COUNT(*) AS request_count,"
                        + " COALESCE(SUM(quota), 0) AS quota, COALESCE(SUM(prompt_tokens), 0) AS prompt_tokens,"
                        + " COALESCE(SUM(completion_tokens), 0) AS completion_tokens FROM logs"
                        + " WHERE type = ? AND created_at BETWEEN ? AND ?" + user
                        + " GROUP BY " + day + ", model_name ORDER BY " + day + ", model_name",
                rs -> new DailyModelUsage(LocalDate.ofEpochDay(rs.getLong("day")).toString(), text(rs, "model_name"),
                        rs.getLong("request_count"), rs.getLong("quota"), rs.getLong("prompt_tokens"),
                        rs.getLong("completion_tokens")),
                args);
    }
}
