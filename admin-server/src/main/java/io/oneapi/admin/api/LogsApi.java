package io.oneapi.admin.api;

import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.admin.queries.LogSearch;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore.LogFilter;
import io.oneapi.storage.LogStore;

import java.util.List;
import java.util.Map;

/**
 * Logs (inventory section 7.9). Admin routes see every row; the {@code self} routes are pinned to the caller's
 * user id whatever the query says, so a user never reads another user's logs.
 */
public final class LogsApi {
    static final int SEARCH_LIMIT = 100;

    private final LogStore logs;
    private final LogSearch search;

    public LogsApi(LogStore logs, LogSearch search) {
        this.logs = logs;
        this.search = search;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/log/", Access.ADMIN, this::list)
                .delete("/api/log/", Access.ADMIN, this::deleteBefore)
                .get("/api/log/stat", Access.ADMIN, this::stat)
                .get("/api/log/self/stat", Access.USER, this::selfStat)
                .get("/api/log/search", Access.ADMIN, this::search)
                .get("/api/log/self", Access.USER, this::self)
                .get("/api/log/self/search", Access.USER, this::selfSearch);
    }

    Envelope list(ApiRequest req) {
        LogFilter filter = filter(req, req.queryInt("type", 0), 0, req.query("username"), req.queryInt("channel", 0));
        return Envelope.ok(views(logs.find(filter, req.pageOffset(), ApiRequest.PAGE_SIZE)));
    }

    Envelope self(ApiRequest req) {
        LogFilter filter = filter(req, req.queryInt("type", 0), req.caller().id(), "", 0);
        return Envelope.ok(logs.find(filter, req.pageOffset(), ApiRequest.PAGE_SIZE).stream()
                .map(LogView::ofOwn).toList());
    }

    /** Sum of consume-log quota; the {@code type} parameter is ignored as in One API. */
    Envelope stat(ApiRequest req) {
        LogFilter filter = filter(req, LogEntry.TYPE_CONSUME, 0, req.query("username"), req.queryInt("channel", 0));
        return Envelope.ok(Map.of("quota", logs.sumQuota(filter)));
    }

    Envelope selfStat(ApiRequest req) {
        LogFilter filter = filter(req, LogEntry.TYPE_CONSUME, req.caller().id(), "", 0);
        return Envelope.ok(Map.of("quota", logs.sumQuota(filter)));
    }

    Envelope search(ApiRequest req) {
        return Envelope.ok(views(search.byTypeOrContent(req.query("keyword").trim(), SEARCH_LIMIT)));
    }

    /** The caller's logs whose type equals the keyword (One API's semantics); a non-number matches nothing. */
    Envelope selfSearch(ApiRequest req) {
        int type;
        try {
            type = Integer.parseInt(req.query("keyword").trim());
        } catch (NumberFormatException e) {
            return Envelope.ok(List.of());
        }
        if (type <= 0) {
            return Envelope.ok(List.of());
        }
        LogFilter filter = new LogFilter(type, req.caller().id(), "", "", "", 0, 0, 0);
        return Envelope.ok(logs.find(filter, 0, SEARCH_LIMIT).stream().map(LogView::ofOwn).toList());
    }

    Envelope deleteBefore(ApiRequest req) {
        long target = req.queryLong("target_timestamp", 0);
        if (target <= 0) {
            throw new ApiFailure("target timestamp is required");
        }
        return Envelope.ok(logs.deleteBefore(target));
    }

    private static LogFilter filter(ApiRequest req, int type, int userId, String username, int channel) {
        return new LogFilter(type, userId, username.trim(), req.query("token_name").trim(),
                req.query("model_name").trim(), req.queryLong("start_timestamp", 0),
                req.queryLong("end_timestamp", 0), channel);
    }

    private static List<LogView> views(List<LogEntry> rows) {
        return rows.stream().map(LogView::of).toList();
    }
}
