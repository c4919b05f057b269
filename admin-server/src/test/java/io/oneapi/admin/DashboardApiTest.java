package io.oneapi.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The dashboard's aggregates: a user's own range, and the admin view over every user or one user. */
class DashboardApiTest {
    /** 2024-10-04T00:00:00Z, the start of epoch day 20000. */
    static final long DAY0 = 20_000L * 86_400;
    static final long DAY = 86_400;

    @TempDir
    static Path dir;
    static AdminFixture fx;
    static ApiClient admin;
    static ApiClient erin;
    static ApiClient frank;

    @BeforeAll
    static void start() {
        fx = AdminFixture.start(dir);
        admin = fx.admin("dashadmin");
        erin = fx.user("erin");
        frank = fx.user("frank");
        User e = fx.userNamed("erin");
        User f = fx.userNamed("frank");
        consume(e, "gpt-4", 30, DAY0 + 10);
        consume(e, "gpt-4", 12, DAY0 + DAY - 1);
        consume(e, "claude-3", 7, DAY0 + DAY);
        consume(f, "gpt-4", 100, DAY0 + 3600);
        consume(f, "gpt-4", 1, DAY0 + 40 * DAY);
        fx.storage.logs().insert(new LogEntry(0, e.id(), DAY0 + 20, LogEntry.TYPE_TOPUP, "top-up", "erin", "", "",
                5000, 0, 0, 0, "", 0, false, false));
        consume(e, "today-model", 3, Instant.now().getEpochSecond());
        consume(e, "old-model", 3, Instant.now().getEpochSecond() - 10 * DAY);
    }

    private static void consume(User user, String model, int quota, long at) {
        fx.storage.logs().insert(new LogEntry(0, user.id(), at, LogEntry.TYPE_CONSUME, "", user.username(),
                "default", model, quota, 10, 20, 1, "req", 50, false, false));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void withoutARangeItIsOneApisLastSevenUtcDays() {
        JsonNode rows = erin.get("/api/user/dashboard").data();
        assertEquals(1, rows.size(), rows.toString());
        assertEquals("today-model", rows.get(0).path("ModelName").asText());
        assertEquals(LocalDate.now(ZoneOffset.UTC).toString(), rows.get(0).path("Day").asText());
    }

    @Test
    void aUsersRangeIsSummedPerUtcDayAndModelOverConsumeLogsOnly() {
        JsonNode rows = erin.get("/api/user/dashboard?start_timestamp=" + DAY0 + "&end_timestamp=" + (DAY0 + 2 * DAY - 1))
                .data();
        assertEquals(2, rows.size(), rows.toString());
        JsonNode first = rows.get(0);
        assertEquals("2024-10-04", first.path("Day").asText());
        assertEquals("gpt-4", first.path("ModelName").asText());
        assertEquals(2, first.path("RequestCount").asLong());
        assertEquals(42, first.path("Quota").asLong());
        assertEquals(20, first.path("PromptTokens").asLong());
        assertEquals(40, first.path("CompletionTokens").asLong());
        assertEquals("2024-10-05", rows.get(1).path("Day").asText());
        assertEquals("claude-3", rows.get(1).path("ModelName").asText());
        assertEquals(7, rows.get(1).path("Quota").asLong());
        JsonNode firstDayOnly = erin.get("/api/user/dashboard?start_timestamp=" + DAY0 + "&end_timestamp=" + (DAY0 + DAY - 1))
                .data();
        assertEquals(1, firstDayOnly.size(), firstDayOnly.toString());
        // A user never sees another user's rows, whatever the query says.
        JsonNode sneaky = frank.get("/api/user/dashboard?username=erin&start_timestamp=" + DAY0 + "&end_timestamp="
                + (DAY0 + DAY - 1)).data();
        assertEquals(1, sneaky.size(), sneaky.toString());
        assertEquals(100, sneaky.get(0).path("Quota").asLong());
    }

    @Test
    void theAdminViewCoversEveryUserOrOne() {
        String range = "start_timestamp=" + DAY0 + "&end_timestamp=" + (DAY0 + 2 * DAY - 1);
        JsonNode all = admin.get("/api/log/dashboard?" + range).data();
        assertEquals(2, all.size(), all.toString());
        assertEquals(3, all.get(0).path("RequestCount").asLong());
        assertEquals(142, all.get(0).path("Quota").asLong());
        JsonNode frankOnly = admin.get("/api/log/dashboard?username=frank&" + range).data();
        assertEquals(1, frankOnly.size(), frankOnly.toString());
        assertEquals(100, frankOnly.get(0).path("Quota").asLong());
        assertEquals(0, admin.get("/api/log/dashboard?username=nobody&" + range).data().size());
        assertEquals("Unauthorized: insufficient permissions", erin.get("/api/log/dashboard?" + range).message());
    }

    @Test
    void badRangesAreRefused() {
        ApiClient.Reply backwards = erin.get("/api/user/dashboard?start_timestamp=" + (DAY0 + DAY) + "&end_timestamp=" + DAY0);
        assertFalse(backwards.success());
        assertEquals("invalid time range: start_timestamp must not be after end_timestamp", backwards.message());
        ApiClient.Reply tooLong = admin.get("/api/log/dashboard?start_timestamp=" + DAY0 + "&end_timestamp="
                + (DAY0 + 366 * DAY));
        assertEquals("the time range is limited to 366 days", tooLong.message());
        JsonNode longest = admin.get("/api/log/dashboard?start_timestamp=" + DAY0 + "&end_timestamp="
                + (DAY0 + 366 * DAY - 1)).data();
        assertEquals(3, longest.size(), longest.toString());
        assertEquals("2024-11-13", longest.get(2).path("Day").asText());
        assertEquals("invalid parameter: end_timestamp", erin.get("/api/user/dashboard?end_timestamp=soon").message());
    }
}
