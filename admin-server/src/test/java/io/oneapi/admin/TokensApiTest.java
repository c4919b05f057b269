package io.oneapi.admin;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** API keys (inventory section 7.7): a user works on their own tokens only. */
class TokensApiTest {
    @TempDir
    static Path dir;
    static AdminFixture fx;
    static ApiClient alice;
    static ApiClient bob;

    @BeforeAll
    static void start() {
        fx = AdminFixture.start(dir);
        alice = fx.user("alice");
        bob = fx.user("bob");
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static JsonNode create(ApiClient c, Map<String, Object> body) {
        ApiClient.Reply reply = c.post("/api/token/", body);
        assertTrue(reply.success(), reply.body().toString());
        return reply.data();
    }

    @Test
    void createReturnsTheKeyAndListShowsOwnTokensOnly() {
        JsonNode t = create(alice, Map.of("name", "mine", "remain_quota", 100, "expired_time", -1,
                "models", "gpt-4, gpt-3.5-turbo", "subnet", "10.0.0.0/8"));
        assertEquals(48, t.path("key").asText().length());
        assertEquals("gpt-4,gpt-3.5-turbo", t.path("models").asText());
        assertEquals(fx.userNamed("alice").id(), t.path("user_id").asInt());
        assertFalse(t.path("unlimited_quota").asBoolean());

        JsonNode aliceList = alice.get("/api/token/").data();
        assertTrue(aliceList.toString().contains("\"mine\""));
        assertFalse(bob.get("/api/token/").data().toString().contains("\"mine\""));
        assertEquals(0, bob.get("/api/token/search?keyword=mine").data().size());
        assertEquals(1, alice.get("/api/token/search?keyword=min").data().size());
    }

    @Test
    void anotherUsersTokenLooksMissing() {
        int id = create(alice, Map.of("name", "private")).path("id").asInt();
        assertEquals("token not found", bob.get("/api/token/" + id).message());
        assertEquals("token not found", bob.put("/api/token/", Map.of("id", id, "name", "stolen")).message());
        assertEquals("token not found", bob.put("/api/token/?status_only=true", Map.of("id", id, "status", 2))
                .message());
        assertEquals("token not found", bob.delete("/api/token/" + id).message());
        int bobs = create(bob, Map.of("name", "bobs")).path("id").asInt();
        assertEquals("token not found", bob.get("/api/token/" + id + "?id=" + bobs).message(),
                "a query parameter never replaces the path id");
        assertEquals("private", alice.get("/api/token/" + id).data().path("name").asText());
        assertEquals(1, alice.get("/api/token/" + id).data().path("status").asInt());
    }

    @Test
    void badInputIsRefused() {
        assertEquals("token name is too long",
                alice.post("/api/token/", Map.of("name", "x".repeat(31))).message());
        assertEquals("invalid parameters: invalid subnet: 300.1.1.1/8",
                alice.post("/api/token/", Map.of("name", "n", "subnet", "300.1.1.1/8")).message());
        assertFalse(alice.post("/api/token/", Map.of("name", "n", "remain_quota", -5)).success());
        assertEquals("invalid parameters", alice.postRaw("/api/token/", "[1,2").message());
        assertTrue(alice.post("/api/token/", Map.of("name", "v6", "subnet", "2001:db8::/32")).success());
    }

    @Test
    void updateAndStatusRules() {
        Map<String, Object> body = new HashMap<>(Map.of("name", "short-lived", "expired_time", 1000L,
                "remain_quota", 10));
        int id = create(alice, body).path("id").asInt();
        assertTrue(alice.put("/api/token/?status_only=true", Map.of("id", id, "status", 2)).success());
        ApiClient.Reply enable = alice.put("/api/token/?status_only=true", Map.of("id", id, "status", 1));
        assertFalse(enable.success());
        assertTrue(enable.message().startsWith("The token has expired"), enable.message());

        ApiClient.Reply update = alice.put("/api/token/", Map.of("id", id, "name", "renamed", "expired_time", -1,
                "remain_quota", 0, "unlimited_quota", false));
        assertTrue(update.success(), update.body().toString());
        assertEquals("renamed", update.data().path("name").asText());
        ApiClient.Reply exhausted = alice.put("/api/token/?status_only=true", Map.of("id", id, "status", 1));
        assertTrue(exhausted.message().startsWith("The token's quota is used up"), exhausted.message());
        alice.put("/api/token/", Map.of("id", id, "unlimited_quota", true));
        assertTrue(alice.put("/api/token/?status_only=true", Map.of("id", id, "status", 1)).success());
    }

    @Test
    void deleteAndOrdering() {
        int small = create(alice, Map.of("name", "small", "remain_quota", 5)).path("id").asInt();
        create(alice, Map.of("name", "big", "remain_quota", 5000));
        JsonNode ordered = alice.get("/api/token/?order=remain_quota").data();
        assertTrue(ordered.get(0).path("unlimited_quota").asBoolean(), "unlimited tokens come first");
        assertTrue(alice.delete("/api/token/" + small).success());
        assertEquals("token not found", alice.get("/api/token/" + small).message());
    }

    @Test
    void registrationGaveEveryUserAnUnlimitedDefaultToken() {
        JsonNode list = bob.get("/api/token/").data();
        JsonNode def = null;
        for (JsonNode t : list) {
            if (t.path("name").asText().equals("default")) {
                def = t;
            }
        }
        assertTrue(def != null, list.toString());
        assertTrue(def.path("unlimited_quota").asBoolean());
        assertEquals(-1, def.path("expired_time").asLong());
    }
}
