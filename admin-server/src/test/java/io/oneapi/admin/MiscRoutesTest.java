package io.oneapi.admin;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The small routes: content options, model catalogues, available models, self delete, unknown paths. */
class MiscRoutesTest {
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

    @Test
    void contentOptionsArePublic() {
        root.put("/api/option/", Map.of("key", "About", "value", "# About us"));
        root.put("/api/option/", Map.of("key", "HomePageContent", "value", "https://example.com/home"));
        assertEquals("# About us", fx.client().get("/api/about").data().asText());
        assertEquals("https://example.com/home", fx.client().get("/api/home_page_content").data().asText());
        assertEquals("", fx.client().get("/api/notice").data().asText());
    }

    @Test
    void modelCataloguesNeedTheirRoles() {
        assertEquals(401, fx.client().get("/api/models").status());
        ApiClient user = fx.user("modeluser");
        ApiClient.Reply models = user.get("/api/models");
        assertTrue(models.success());
        assertTrue(models.data().isObject(), "channel type to model list");
        assertEquals("Unauthorized: insufficient permissions", user.get("/api/channel/models").message());
        ApiClient.Reply catalogue = root.get("/api/channel/models");
        assertTrue(catalogue.data().isArray());
        assertEquals("list", catalogue.body().path("object").asText(), "One API's {object, data} shape");
        assertEquals("Unauthorized: insufficient permissions", user.get("/api/group/").message());
    }

    @Test
    void availableModelsFollowTheUsersGroup() {
        ApiClient user = fx.user("grouped");
        assertEquals(0, user.get("/api/user/available_models").data().size());
        assertTrue(root.post("/api/channel/", Map.of("name", "vip-only", "type", 1, "key", "sk-1",
                "models", "gpt-4o", "group", "vip")).success());
        assertTrue(root.post("/api/channel/", Map.of("name", "for-all", "type", 1, "key", "sk-2",
                "models", "gpt-4o-mini", "group", "default")).success());
        assertEquals("[\"gpt-4o-mini\"]", user.get("/api/user/available_models").data().toString());
        root.put("/api/user/", Map.of("id", fx.userNamed("grouped").id(), "group", "vip"));
        assertEquals("[\"gpt-4o\"]", user.get("/api/user/available_models").data().toString());
    }

    @Test
    void selfDeleteEndsTheAccountButRootCannotLeave() {
        assertEquals("cannot delete the root account", root.delete("/api/user/self").message());
        ApiClient user = fx.user("quitter");
        assertTrue(user.delete("/api/user/self").success());
        assertEquals(401, user.get("/api/user/self").status());
        assertFalse(fx.client().post("/api/user/login", Map.of("username", "quitter", "password", "password1"))
                .success());
    }

    @Test
    void unknownApiPathsAndMethodsAreJsonErrors() {
        ApiClient.Reply missing = fx.client().get("/api/nothing/here");
        assertEquals(404, missing.status());
        assertEquals("Invalid URL (GET /api/nothing/here)", missing.body().path("error").path("message").asText());
        assertEquals("invalid_request_error", missing.body().path("error").path("type").asText());
        assertFalse(missing.success());
        assertEquals("Invalid URL (GET /api/nothing/here)", missing.message());
        ApiClient.Reply wrongMethod = fx.client().delete("/api/status");
        assertEquals(404, wrongMethod.status());
        assertEquals("Invalid URL (DELETE /api/status)", wrongMethod.body().path("error").path("message").asText());
        assertTrue(fx.client().get("/api/user/").status() == 401, "a path without its trailing slash works too");
    }
}
