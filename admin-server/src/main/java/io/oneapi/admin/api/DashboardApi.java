package io.oneapi.admin.api;

import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Usage per UTC day and model, summed in SQL over the consume logs (inventory section 7.3,
 * {@code /api/user/dashboard}). Without parameters it is One API's: the caller's last seven UTC days. Our
 * additions, for the dashboard's custom range and admin view: {@code start_timestamp}/{@code end_timestamp}
 * (Unix seconds, inclusive, at most {@value #MAX_DAYS} days) on the user route, and the admin route
 * {@code /api/log/dashboard} with the same range over every user, or one user by {@code username}.
 * Both answer One API's rows ({@code Day, ModelName, RequestCount, Quota, PromptTokens, CompletionTokens}).
 */
public final class DashboardApi {
    static final int MAX_DAYS = 366;
    private static final long DAY = 86_400;

    private final LogStore logs;
    private final UserStore users;
    private final Clock clock;

    public DashboardApi(LogStore logs, UserStore users, Clock clock) {
        this.logs = logs;
        this.users = users;
        this.clock = clock;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/user/dashboard", Access.USER, this::own)
                .get("/api/log/dashboard", Access.ADMIN, this::everyone);
    }

    Envelope own(ApiRequest req) {
        long[] range = range(req);
        return rows(req.caller().id(), range);
    }

    /** Every user's consumption, or one user's when {@code username} is given (an unknown name has none). */
    Envelope everyone(ApiRequest req) {
        long[] range = range(req);
        String username = req.query("username").trim();
        if (username.isEmpty()) {
            return rows(0, range);
        }
        Optional<User> user = users.findByUsername(username);
        return user.isPresent() ? rows(user.get().id(), range) : Envelope.ok(List.of());
    }

    private Envelope rows(int userId, long[] range) {
        return Envelope.ok(logs.dailyUsage(userId, range[0], range[1]).stream().map(DashboardItem::of).toList());
    }

    /** The requested window, or from UTC midnight six days ago to the end of today (One API's window). */
    private long[] range(ApiRequest req) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        long from = req.queryLong("start_timestamp", today.minusDays(6).atStartOfDay(ZoneOffset.UTC).toEpochSecond());
        long to = req.queryLong("end_timestamp", today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() - 1);
        if (from < 0 || to < from) {
            throw new ApiFailure("invalid time range: start_timestamp must not be after end_timestamp");
        }
        if (to - from >= MAX_DAYS * DAY) {
            throw new ApiFailure("the time range is limited to " + MAX_DAYS + " days");
        }
        return new long[] {from, to};
    }
}
