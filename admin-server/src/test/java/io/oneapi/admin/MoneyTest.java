package io.oneapi.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.testing.TestDatabases;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Redemption codes, admin top-up and the dashboard (inventory section 5.7) on every configured database engine,
 * including the concurrent redemption that One API credited several times on MySQL.
 */
class MoneyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void oneCodeRedeemedConcurrentlyByManyUsersCreditsOnce(TestDatabases.Engine engine) throws Exception {
        try (AdminFixture fx = AdminFixture.start(engine, dir, TestConfigs.Limits.GENEROUS,
                AdminEnvironment.defaults())) {
            ApiClient root = fx.root();
            ApiClient.Reply created = root.post("/api/redemption/", Map.of("name", "race", "quota", 1000, "count", 1));
            assertTrue(created.success(), created.body().toString());
            String code = created.data().get(0).asText();
            assertEquals(32, code.length());

            int contenders = 6;
            List<ApiClient> users = new ArrayList<>();
            for (int i = 0; i < contenders; i++) {
                users.add(fx.user("racer" + i));
            }
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(contenders);
            try {
                List<Future<ApiClient.Reply>> replies = new ArrayList<>();
                for (ApiClient user : users) {
                    replies.add(pool.submit(() -> {
                        go.await();
                        return user.post("/api/user/topup", Map.of("key", code));
                    }));
                }
                go.countDown();
                int credited = 0;
                for (Future<ApiClient.Reply> reply : replies) {
                    if (reply.get().success()) {
                        credited++;
                        assertEquals(1000, reply.get().data().asLong());
                    } else {
                        assertTrue(reply.get().message().startsWith("Redemption failed: "), reply.get().message());
                    }
                }
                assertEquals(1, credited, "exactly one redemption succeeds");
            } finally {
                pool.shutdownNow();
            }
            long total = 0;
            for (int i = 0; i < contenders; i++) {
                total += fx.userNamed("racer" + i).quota();
            }
            assertEquals(1000, total);
            assertEquals(1, fx.storage.logs().find(new LogStore.LogFilter(LogEntry.TYPE_TOPUP, 0, "", "", "", 0, 0, 0),
                    0, 10).size());
        }
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void redemptionsAdminTopUpAndDashboard(TestDatabases.Engine engine) {
        try (AdminFixture fx = AdminFixture.start(engine, dir, TestConfigs.Limits.GENEROUS,
                AdminEnvironment.defaults())) {
            ApiClient root = fx.root();
            ApiClient user = fx.user("payer");
            int uid = fx.userNamed("payer").id();

            assertEquals("the number of codes must be greater than 0",
                    root.post("/api/redemption/", Map.of("name", "none", "quota", 5, "count", 0)).message());
            assertEquals("at most 100 codes can be created at once",
                    root.post("/api/redemption/", Map.of("name", "many", "quota", 5, "count", 101)).message());
            assertEquals("the name must be 1 to 20 characters long",
                    root.post("/api/redemption/", Map.of("name", "", "quota", 5, "count", 1)).message());
            JsonNode keys = root.post("/api/redemption/", Map.of("name", "batch", "quota", 50, "count", 3)).data();
            assertEquals(3, keys.size());
            assertEquals(3, root.get("/api/redemption/search?keyword=batch").data().size());
            int codeId = root.get("/api/redemption/?p=0").data().get(0).path("id").asInt();
            assertTrue(root.put("/api/redemption/?status_only=true", Map.of("id", codeId, "status", 2)).success());
            assertEquals(2, root.get("/api/redemption/" + codeId).data().path("status").asInt());
            assertEquals("Unauthorized: insufficient permissions", user.get("/api/redemption/").message());

            assertTrue(user.post("/api/user/topup", Map.of("key", keys.get(0).asText())).success());
            ApiClient.Reply again = user.post("/api/user/topup", Map.of("key", keys.get(0).asText()));
            assertFalse(again.success());
            assertEquals("Redemption failed: no redemption code provided",
                    user.post("/api/user/topup", Map.of("key", "")).message());
            assertFalse(user.post("/api/user/topup", Map.of("key", "0".repeat(32))).success());

            ApiClient.Reply topUp = root.post("/api/topup", Map.of("user_id", uid, "quota", 200, "remark", "order 7"));
            assertTrue(topUp.success(), topUp.body().toString());
            assertFalse(root.post("/api/topup", Map.of("user_id", uid, "quota", -3)).success());
            assertEquals("user not found", root.post("/api/topup", Map.of("user_id", 424242, "quota", 3)).message());
            assertEquals(250, fx.userNamed("payer").quota());

            List<LogEntry> topUps = fx.storage.logs().find(
                    new LogStore.LogFilter(LogEntry.TYPE_TOPUP, uid, "", "", "", 0, 0, 0), 0, 10);
            assertEquals(2, topUps.size());
            assertTrue(topUps.get(0).content().contains("remark: order 7"), topUps.get(0).content());

            long now = java.time.Instant.now().getEpochSecond();
            fx.storage.logs().insert(new LogEntry(0, uid, now, LogEntry.TYPE_CONSUME, "", "payer", "default",
                    "gpt-4", 30, 10, 5, 1, "r1", 100, false, false));
            fx.storage.logs().insert(new LogEntry(0, uid, now, LogEntry.TYPE_CONSUME, "", "payer", "default",
                    "gpt-4", 12, 3, 2, 1, "r2", 100, false, false));
            JsonNode dashboard = user.get("/api/user/dashboard").data();
            assertEquals(1, dashboard.size(), dashboard.toString());
            JsonNode day = dashboard.get(0);
            assertEquals("gpt-4", day.path("ModelName").asText());
            assertEquals(2, day.path("RequestCount").asLong());
            assertEquals(42, day.path("Quota").asLong());
            assertEquals(13, day.path("PromptTokens").asLong());
            assertEquals(7, day.path("CompletionTokens").asLong());
            assertEquals(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), day.path("Day").asText());
        }
    }
}
