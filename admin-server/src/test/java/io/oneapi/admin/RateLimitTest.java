package io.oneapi.admin;

import io.oneapi.storage.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The per-IP limits over HTTP: critical routes, the global API limit and the web limit answer 429, empty. */
class RateLimitTest {
    @TempDir
    Path dir;

    @Test
    void limitsAnswer429WithAnEmptyBody() {
        TestConfigs.Limits limits = new TestConfigs.Limits(6, 2, 2);
        try (AdminFixture fx = AdminFixture.start(TestDatabases.Engine.SQLITE, dir, limits,
                AdminEnvironment.defaults())) {
            ApiClient c = fx.client();
            Map<String, String> wrong = Map.of("username", "root", "password", "wrong-password");
            assertEquals(200, c.post("/api/user/login", wrong).status());
            assertEquals(200, c.post("/api/user/login", wrong).status());
            ApiClient.Reply limited = c.post("/api/user/login", wrong);
            assertEquals(429, limited.status());
            assertTrue(limited.body().isMissingNode(), "empty body");

            int ok = 0;
            int status;
            while ((status = c.get("/api/status").status()) == 200) {
                ok++;
            }
            assertEquals(429, status);
            assertEquals(3, ok, "6 API requests per window, 3 used by the logins");

            assertEquals(200, c.raw("/").statusCode());
            assertEquals(200, c.raw("/login").statusCode());
            assertEquals(429, c.raw("/").statusCode());
        }
    }
}
