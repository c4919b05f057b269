package io.oneapi.admin;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.admin.auth.HmacKey;
import io.oneapi.admin.channel.ProxyChannelTester;
import io.oneapi.admin.testing.FakeHttpServer;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.ProviderChannel;
import io.oneapi.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Channels (inventory section 7.6): CRUD without ever returning a key, and tests and balances through a fake
 * proxy internal route, with automatic disable and enable and the Message Pusher notice.
 */
class ChannelsApiTest {
    @TempDir
    static Path dir;
    static FakeHttpServer proxy;
    static FakeHttpServer pusher;
    static AdminFixture fx;
    static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        proxy = new FakeHttpServer(Map.of(
                "/internal/channel/test/", seen -> {
                    if (!new HmacKey(TestConfigs.SESSION_SECRET).internalRouteSecret()
                            .equals(seen.header("X-OneAPI-Internal"))) {
                        return new FakeHttpServer.Answer(403, "{}");
                    }
                    boolean broken = seen.path().endsWith("/" + brokenChannel);
                    String model = seen.query() == null ? "" : seen.query().replace("model=", "");
                    if (seen.path().endsWith("/" + hangingChannel)) {
                        return FakeHttpServer.Answer.ok("{\"success\":false,\"message\":\"The upstream did not "
                                + "answer in time.\",\"time\":30.0,\"modelName\":\"" + model
                                + "\",\"errorKind\":\"UNAVAILABLE\"}");
                    }
                    return FakeHttpServer.Answer.ok(broken
                            ? "{\"success\":false,\"message\":\"Incorrect API key provided\",\"time\":0.2,"
                            + "\"modelName\":\"" + model + "\",\"errorKind\":\"AUTH_FAILED\"}"
                            : "{\"success\":true,\"message\":\"gpt-4\",\"time\":0.35,\"modelName\":\"" + model + "\"}");
                },
                "/internal/channel/balance/", seen -> FakeHttpServer.Answer.ok(
                        "{\"success\":true,\"message\":\"\",\"balance\":12.5}")));
        pusher = new FakeHttpServer(Map.of("/push", seen -> FakeHttpServer.Answer.ok("{\"success\":true}")));
        ProxyChannelTester tester = new ProxyChannelTester(HttpClient.newHttpClient(), proxy.uri("/"),
                new HmacKey(TestConfigs.SESSION_SECRET).internalRouteSecret(), Duration.ofSeconds(10));
        fx = AdminFixture.start(TestDatabases.Engine.SQLITE, dir, TestConfigs.Limits.GENEROUS,
                AdminEnvironment.defaults().withChannelTester(tester));
        admin = fx.admin("chanadmin");
        ApiClient root = fx.root();
        assertTrue(root.put("/api/option/", Map.of("key", "MessagePusherAddress", "value",
                pusher.uri("/push").toString())).success());
    }

    static volatile int brokenChannel = -1;
    static volatile int hangingChannel = -1;

    @AfterAll
    static void stop() {
        fx.close();
        proxy.close();
        pusher.close();
    }

    private static Map<String, Object> channel(String name, String key) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("type", 1);
        body.put("key", key);
        body.put("models", "gpt-4, gpt-3.5-turbo");
        body.put("group", "default,vip");
        body.put("base_url", "https://api.example.com/");
        return body;
    }

    private static List<ProviderChannel> named(String name) {
        return fx.storage.channels().listAll().stream().filter(c -> c.name().equals(name)).toList();
    }

    @Test
    void multiLineKeyCreatesOneChannelPerLineAndKeysNeverLeave() {
        ApiClient.Reply created = admin.post("/api/channel/", channel("batch", "sk-one\n\nsk-two\r\nsk-three\n"));
        assertTrue(created.success(), created.body().toString());
        List<ProviderChannel> rows = named("batch");
        assertEquals(3, rows.size());
        assertEquals("gpt-4,gpt-3.5-turbo", rows.get(0).models());
        assertEquals("https://api.example.com", rows.get(0).baseUrl());
        assertEquals(List.of("sk-one", "sk-two", "sk-three"),
                rows.stream().sorted((a, b) -> a.id() - b.id()).map(ProviderChannel::key).toList());

        String list = admin.get("/api/channel/").body().toString();
        String search = admin.get("/api/channel/search?keyword=batch").body().toString();
        String one = admin.get("/api/channel/" + rows.get(0).id()).body().toString();
        for (String body : List.of(list, search, one)) {
            assertFalse(body.contains("sk-one") || body.contains("sk-two") || body.contains("sk-three"), body);
        }
        assertEquals(3, admin.get("/api/channel/search?keyword=batch").data().size());
    }

    @Test
    void updateKeepsTheKeyUnlessANewOneIsGiven() {
        admin.post("/api/channel/", channel("editable", "sk-original"));
        int id = named("editable").get(0).id();
        ApiClient.Reply update = admin.put("/api/channel/", Map.of("id", id, "name", "edited", "key", "",
                "priority", 0, "status", 2));
        assertTrue(update.success(), update.body().toString());
        assertEquals("", update.data().path("key").asText());
        ProviderChannel stored = fx.storage.channels().findById(id).orElseThrow();
        assertEquals("sk-original", stored.key());
        assertEquals("edited", stored.name());
        assertEquals(2, stored.status());
        admin.put("/api/channel/", Map.of("id", id, "key", "sk-rotated"));
        assertEquals("sk-rotated", fx.storage.channels().findById(id).orElseThrow().key());
    }

    @Test
    void badInputAndPermissions() {
        assertEquals("invalid parameters: key is required", admin.post("/api/channel/", channel("nokey", "")).message());
        Map<String, Object> badMapping = channel("badmap", "sk-x");
        badMapping.put("model_mapping", "{not json");
        assertFalse(admin.post("/api/channel/", badMapping).success());
        assertEquals("channel not found", admin.get("/api/channel/987654").message());
        assertEquals("invalid parameter: id", admin.get("/api/channel/abc").message());
        assertEquals("Unauthorized: insufficient permissions", fx.user("chanuser").get("/api/channel/").message());
    }

    @Test
    void deleteOneAndDeleteDisabled() {
        admin.post("/api/channel/", channel("doomed", "sk-a\nsk-b\nsk-c"));
        List<ProviderChannel> rows = named("doomed");
        assertTrue(admin.delete("/api/channel/" + rows.get(0).id()).success());
        admin.put("/api/channel/", Map.of("id", rows.get(1).id(), "status", 2));
        ApiClient.Reply purge = admin.delete("/api/channel/disabled");
        assertTrue(purge.data().asInt() >= 1);
        assertEquals(List.of(rows.get(2).id()), named("doomed").stream().map(ProviderChannel::id).toList());
    }

    @Test
    void singleTestGoesThroughTheProxyAndIsRecorded() {
        admin.post("/api/channel/", channel("tested", "sk-t"));
        int id = named("tested").get(0).id();
        ApiClient.Reply reply = admin.get("/api/channel/test/" + id + "?model=gpt-3.5-turbo");
        assertTrue(reply.success(), reply.body().toString());
        assertEquals(0.35, reply.body().path("time").asDouble());
        assertEquals("gpt-3.5-turbo", reply.body().path("modelName").asText());
        ApiClient.Reply unlisted = admin.get("/api/channel/test/" + id + "?model=gpt");
        assertEquals("gpt-4", unlisted.body().path("modelName").asText(), "a model the channel lacks falls back");
        ProviderChannel stored = fx.storage.channels().findById(id).orElseThrow();
        assertEquals(350, stored.responseTime());
        assertTrue(stored.testTime() > 0);
        List<LogEntry> logs = fx.storage.logs().find(new LogStore.LogFilter(LogEntry.TYPE_TEST, 0, "", "", "", 0, 0,
                id), 0, 10);
        assertEquals(2, logs.size());
        assertTrue(logs.get(0).content().startsWith("Channel tested test succeeded"), logs.get(0).content());

        ApiClient.Reply balance = admin.get("/api/channel/update_balance/" + id);
        assertEquals(12.5, balance.body().path("balance").asDouble());
        assertEquals(12.5, fx.storage.channels().findById(id).orElseThrow().balance());
    }

    @Test
    void testAllDisablesDeadChannelsAndNotifiesRoot() throws Exception {
        ApiClient root = fx.root();
        root.put("/api/option/", Map.of("key", "AutomaticDisableChannelEnabled", "value", "true"));
        admin.post("/api/channel/", channel("deadkey", "sk-dead"));
        int dead = named("deadkey").get(0).id();
        brokenChannel = dead;
        try {
            assertTrue(admin.get("/api/channel/test?scope=all").success());
            waitFor(() -> fx.storage.channels().findById(dead).orElseThrow().status()
                    == ProviderChannel.STATUS_AUTO_DISABLED);
            FakeHttpServer.Seen push = nextPushContaining("has been disabled");
            JsonNode pushed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(push.body());
            assertTrue(pushed.path("title").asText().contains("deadkey"), push.body());
            nextPushContaining("Channel test finished");
            assertEquals("invalid parameters: scope must be all or disabled",
                    admin.get("/api/channel/test?scope=some").message());
        } finally {
            brokenChannel = -1;
            root.put("/api/option/", Map.of("key", "AutomaticDisableChannelEnabled", "value", "false"));
        }
    }

    /** A test that fails after hanging past ChannelDisableThreshold is as bad as a slow success (One API too). */
    @Test
    void testAllDisablesAChannelThatHangsPastTheThresholdEvenWhenItFails() throws Exception {
        ApiClient root = fx.root();
        root.put("/api/option/", Map.of("key", "AutomaticDisableChannelEnabled", "value", "true"));
        admin.post("/api/channel/", channel("hanging", "sk-hanging"));
        int hanging = named("hanging").get(0).id();
        hangingChannel = hanging;
        try {
            assertTrue(admin.get("/api/channel/test?scope=all").success());
            waitFor(() -> fx.storage.channels().findById(hanging).orElseThrow().status()
                    == ProviderChannel.STATUS_AUTO_DISABLED);
            nextPushContaining("Channel test finished");
        } finally {
            hangingChannel = -1;
            root.put("/api/option/", Map.of("key", "AutomaticDisableChannelEnabled", "value", "false"));
        }
    }

    private static FakeHttpServer.Seen nextPushContaining(String text) throws InterruptedException {
        for (FakeHttpServer.Seen seen = pusher.next(); seen != null; seen = pusher.next()) {
            if (seen.body().contains(text)) {
                return seen;
            }
        }
        throw new AssertionError("no push containing " + text);
    }

    private static void waitFor(BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(10);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(20); // polling with a deadline, not synchronisation
        }
    }

    @Test
    void proxyRefusingTheSecretIsAFailedTestNotACrash() {
        ProxyChannelTester wrongSecret = new ProxyChannelTester(HttpClient.newHttpClient(), proxy.uri("/"),
                "not-the-secret", Duration.ofSeconds(5));
        assertFalse(wrongSecret.test(1, "gpt-4").success());
        assertEquals("proxy answered HTTP 403", wrongSecret.test(1, "gpt-4").message());
        ProxyChannelTester nobody = new ProxyChannelTester(HttpClient.newHttpClient(),
                URI.create("http://127.0.0.1:1"), "x", Duration.ofSeconds(5));
        assertFalse(nobody.balance(1).success());
    }
}
