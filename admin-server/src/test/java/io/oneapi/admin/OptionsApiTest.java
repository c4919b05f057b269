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

/** Options (inventory section 7.5): root only, secrets never listed, invalid values refused and never stored. */
class OptionsApiTest {
    @TempDir
    static Path dir;
    static AdminFixture fx;
    static ApiClient root;

    @BeforeAll
    static void start() {
        fx = AdminFixture.start(dir);
        root = fx.root();
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    private static Map<String, String> options() {
        ApiClient.Reply reply = root.get("/api/option/");
        assertTrue(reply.success(), reply.body().toString());
        Map<String, String> map = new HashMap<>();
        for (JsonNode row : reply.data()) {
            map.put(row.path("key").asText(), row.path("value").asText());
        }
        return map;
    }

    @Test
    void listHasEveryPublicKeyAndNoSecret() {
        for (String secret : new String[] {"SMTPToken", "GitHubClientSecret", "TurnstileSecretKey",
                "WeChatServerToken", "MessagePusherToken", "LarkClientSecret", "OidcClientSecret"}) {
            assertTrue(root.put("/api/option/", Map.of("key", secret, "value", "s3cr3t-" + secret)).success(),
                    secret);
        }
        Map<String, String> listed = options();
        listed.keySet().forEach(key -> assertFalse(key.endsWith("Token") || key.endsWith("Secret")
                || key.endsWith("SecretKey"), key));
        assertFalse(root.get("/api/option/").body().toString().contains("s3cr3t"));
        assertTrue(listed.containsKey("SystemName"));
        assertEquals("500000", listed.get("QuotaPerUnit"));
        assertTrue(listed.containsKey("ModelRatio"));
    }

    @Test
    void validUpdateAppliesAtOnce() {
        assertTrue(root.put("/api/option/", Map.of("key", "SystemName", "value", "My Gateway")).success());
        assertEquals("My Gateway", fx.client().get("/api/status").data().path("system_name").asText());
        assertTrue(root.put("/api/option/", Map.of("key", "Notice", "value", "hello")).success());
        assertEquals("hello", fx.client().get("/api/notice").data().asText());
        assertTrue(root.put("/api/option/", Map.of("key", "RetryTimes", "value", 3)).success(),
                "a number value is accepted as its text");
        assertEquals("3", options().get("RetryTimes"));
    }

    @Test
    void invalidValuesAreRefusedAndNeverStored() {
        ApiClient.Reply bad = root.put("/api/option/", Map.of("key", "QuotaPerUnit", "value", "-1"));
        assertFalse(bad.success());
        assertTrue(bad.message().startsWith("QuotaPerUnit"), bad.message());
        assertFalse(root.put("/api/option/", Map.of("key", "ModelRatio", "value", "{broken")).success());
        assertFalse(root.put("/api/option/", Map.of("key", "Theme", "value", "neon")).success());
        assertFalse(root.put("/api/option/", Map.of("key", "NoSuchOption", "value", "1")).success());
        ApiClient.Reply needsId = root.put("/api/option/", Map.of("key", "GitHubOAuthEnabled", "value", "true"));
        assertFalse(needsId.success());
        Map<String, String> stored = fx.storage.options().loadAll();
        assertFalse(stored.containsKey("NoSuchOption"));
        assertTrue(!stored.containsKey("ModelRatio") || !stored.get("ModelRatio").equals("{broken"));
        assertEquals("500000", options().get("QuotaPerUnit"));
        assertEquals("false", options().get("GitHubOAuthEnabled"));
    }

    @Test
    void malformedBodyIs400() {
        assertEquals(400, root.putRaw("/api/option/", "{oops").status());
        assertEquals(400, root.put("/api/option/", Map.of("value", "x")).status());
    }

    @Test
    void onlyRootMayReadOrChangeOptions() {
        ApiClient admin = fx.admin("optadmin");
        assertEquals("Unauthorized: insufficient permissions", admin.get("/api/option/").message());
        assertFalse(admin.put("/api/option/", Map.of("key", "SystemName", "value", "pwned")).success());
        assertEquals(401, fx.client().get("/api/option/").status());
    }

    @Test
    void groupsComeFromGroupRatio() {
        ApiClient admin = fx.admin("groupadmin");
        JsonNode groups = admin.get("/api/group/").data();
        assertEquals("[\"default\",\"svip\",\"vip\"]", groups.toString());
    }
}
