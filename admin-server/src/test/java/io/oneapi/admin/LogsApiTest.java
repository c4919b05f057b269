package io.oneapi.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Logs (inventory section 7.9): admins see everything, users only their own rows whatever they ask for. */
class LogsApiTest {
    @TempDir
    static Path dir;
    static AdminFixture fx;
    static ApiClient admin;
    static ApiClient carol;
    static ApiClient dave;

    @BeforeAll
    static void start() {
        fx = AdminFixture.start(dir);
        admin = fx.admin("logadmin");
        carol = fx.user("carol");
        dave = fx.user("dave");
        consume(fx.userNamed("carol"), "gpt-4", 100, 1000, 7);
        consume(fx.userNamed("carol"), "claude-3", 50, 2000, 8);
        consume(fx.userNamed("dave"), "gpt-4", 999, 1500, 7);
        fx.storage.logs().insert(new LogEntry(0, fx.userNamed("dave").id(), 1500, LogEntry.TYPE_SYSTEM,
                "Gift for dave", "dave", "", "", 0, 0, 0, 0, "", 0, false, false));
    }

    private static void consume(User user, String model, int quota, long at, int channel) {
        fx.storage.logs().insert(new LogEntry(0, user.id(), at, LogEntry.TYPE_CONSUME, "ratio 1", user.username(),
                "default", model, quota, 10, 20, channel, "req", 50, true, false));
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void adminListFiltersAndNamesTheChannelField() {
        JsonNode all = admin.get("/api/log/?p=0").data();
        assertTrue(all.size() >= 4);
        JsonNode gpt4 = admin.get("/api/log/?type=2&model_name=gpt-4").data();
        assertEquals(2, gpt4.size());
        JsonNode carolsRows = admin.get("/api/log/?username=carol&start_timestamp=1500").data();
        assertEquals(1, carolsRows.size());
        JsonNode row = carolsRows.get(0);
        assertEquals(8, row.path("channel").asInt());
        assertFalse(row.has("channel_id"));
        assertTrue(row.path("is_stream").asBoolean());
        assertTrue(row.path("id").asInt() > 0);
        assertEquals(1, admin.get("/api/log/?channel=8").data().size());
        assertEquals("invalid parameter: type", admin.get("/api/log/?type=abc").message());
    }

    @Test
    void usersSeeOnlyTheirOwnLogsWithoutIds() {
        JsonNode own = carol.get("/api/log/self?p=0").data();
        own.forEach(r -> assertEquals("carol", r.path("username").asText()));
        own.forEach(r -> assertEquals(0, r.path("id").asInt()));
        assertTrue(own.size() >= 2);
        JsonNode sneaky = carol.get("/api/log/self?username=dave&user_id=" + fx.userNamed("dave").id()).data();
        sneaky.forEach(r -> assertEquals("carol", r.path("username").asText()));
        assertEquals("Unauthorized: insufficient permissions", carol.get("/api/log/").message());
        assertEquals("Unauthorized: insufficient permissions", carol.get("/api/log/search?keyword=2").message());
        JsonNode searched = dave.get("/api/log/self/search?keyword=4").data();
        assertEquals(1, searched.size());
        assertEquals("Gift for dave", searched.get(0).path("content").asText());
        assertEquals(0, dave.get("/api/log/self/search?keyword=abc").data().size());
    }

    @Test
    void statSumsConsumeQuota() {
        assertEquals(150, carol.get("/api/log/self/stat").data().path("quota").asLong());
        assertEquals(999, dave.get("/api/log/self/stat?type=4").data().path("quota").asLong());
        assertEquals(1149, admin.get("/api/log/stat").data().path("quota").asLong());
        assertEquals(1099, admin.get("/api/log/stat?model_name=gpt-4").data().path("quota").asLong());
    }

    @Test
    void searchByTypeOrContentPrefix() {
        assertEquals(1, admin.get("/api/log/search?keyword=Gift%20for%20d").data().size());
        assertTrue(admin.get("/api/log/search?keyword=2").data().size() >= 3);
        assertEquals(0, admin.get("/api/log/search?keyword=%25").data().size(), "% matches literally");
    }

    @Test
    void deleteBeforeADate() {
        assertEquals("target timestamp is required", admin.delete("/api/log/").message());
        fx.storage.logs().insert(new LogEntry(0, 1, 5, LogEntry.TYPE_SYSTEM, "ancient", "root", "", "", 0, 0, 0, 0,
                "", 0, false, false));
        ApiClient.Reply deleted = admin.delete("/api/log/?target_timestamp=10");
        assertTrue(deleted.success(), deleted.body().toString());
        assertEquals(1, deleted.data().asLong());
        assertFalse(carol.delete("/api/log/?target_timestamp=99999999999").success());
    }
}
