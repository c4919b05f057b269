package io.oneapi.admin.queries;

import io.oneapi.storage.Database;
import io.oneapi.storage.LogEntry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * The admin log search One API offers and the log store does not: rows whose type equals the keyword or whose
 * content starts with it, newest first, on the log database.
 */
public final class LogSearch {
    private static final String COLUMNS = "id, user_id, created_at, type, content, username, token_name, model_name,"
            + " quota, prompt_tokens, completion_tokens, channel_id, request_id, elapsed_time, is_stream,"
            + " system_prompt_reset";

    private final Database logs;

    public LogSearch(Database logs) {
        this.logs = logs;
    }

    public List<LogEntry> byTypeOrContent(String keyword, int limit) {
        int type;
        try {
            type = Integer.parseInt(keyword);
        } catch (NumberFormatException e) {
            type = -1; // no row has this type
        }
        return logs.query("SELECT " + COLUMNS + " FROM logs WHERE type = ? OR content LIKE ? ESCAPE '!'"
                + " ORDER BY id DESC LIMIT ?", LogSearch::map, type, Like.prefix(keyword), limit);
    }

    private static LogEntry map(ResultSet rs) throws SQLException {
        return new LogEntry(rs.getInt("id"), rs.getInt("user_id"), rs.getLong("created_at"), rs.getInt("type"),
                text(rs, "content"), text(rs, "username"), text(rs, "token_name"), text(rs, "model_name"),
                rs.getInt("quota"), rs.getInt("prompt_tokens"), rs.getInt("completion_tokens"),
                rs.getInt("channel_id"), text(rs, "request_id"), rs.getLong("elapsed_time"),
                rs.getBoolean("is_stream"), rs.getBoolean("system_prompt_reset"));
    }

    private static String text(ResultSet rs, String column) throws SQLException {
        String value = rs.getString(column);
        return value == null ? "" : value;
    }
}
