package io.oneapi.storage;

import io.oneapi.storage.LogStore.LogFilter;
import java.util.ArrayList;
import java.util.List;

/** The WHERE clause and parameters for a {@link LogFilter}; empty strings and zeros mean "any". */
final class LogQuery {
    private final StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    private final List<Object> args = new ArrayList<>();

    LogQuery(LogFilter f) {
        if (f.type() != 0) {
            add("type = ?", f.type());
        }
        if (f.userId() != 0) {
            add("user_id = ?", f.userId());
        }
        if (!Columns.nullToEmpty(f.username()).isEmpty()) {
            add("username = ?", f.username());
        }
        if (!Columns.nullToEmpty(f.tokenName()).isEmpty()) {
            add("token_name = ?", f.tokenName());
        }
        if (!Columns.nullToEmpty(f.modelName()).isEmpty()) {
            add("model_name = ?", f.modelName());
        }
        if (f.startTime() != 0) {
            add("created_at >= ?", f.startTime());
        }
        if (f.endTime() != 0) {
            add("created_at <= ?", f.endTime());
        }
        if (f.channelId() != 0) {
            add("channel_id = ?", f.channelId());
        }
    }

    private void add(String condition, Object arg) {
        where.append(" AND ").append(condition);
        args.add(arg);
    }

    String where() {
        return where.toString();
    }

    /** The filter's parameters followed by {@code more}. */
    Object[] args(Object... more) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray();
    }
}
