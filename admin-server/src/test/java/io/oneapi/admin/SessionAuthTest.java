package io.oneapi.admin;

import io.oneapi.config.GatewayConfig;
import io.oneapi.storage.User;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cookie sessions and access tokens over HTTP, and the auth levels of inventory section 7.1. */
class SessionAuthTest {
    @TempDir
    static Path dir;
    static AdminFixture fx;

    @BeforeAll
    static void start() {
        fx = AdminFixture.start(dir);
    }

    @AfterAll
    static void stop() {
        fx.close();
    }

    @Test
    void statusAnswersWithoutCredentials() {
        ApiClient.Reply reply = fx.client().get("/api/status");
        assertTrue(reply.success(), reply.body().toString());
        assertEquals("One API", reply.data().path("system_name").asText());
        assertEquals(500000.0, reply.data().path("quota_per_unit").asDouble());
        assertTrue(reply.data().has("turnstile_site_key"));
    }

    @Test
    void loginSetsAHardenedCookieAndFlagsTheDefaultRootPassword() {
        ApiClient c = fx.client();
        ApiClient.Reply login = c.login("root", "123456");
        assertEquals("root", login.data().path("username").asText());
        assertEquals(100, login.data().path("role").asInt());
        assertTrue(login.data().path("require_password_change").asBoolean());
        String cookie = login.setCookie().orElseThrow();
        assertTrue(cookie.startsWith("session="), cookie);
        assertTrue(cookie.contains("HttpOnly"), cookie);
        assertTrue(cookie.toLowerCase().contains("samesite=lax"), cookie);
        assertFalse(cookie.contains("Secure"), "plain HTTP gets no Secure flag: " + cookie);

        ApiClient.Reply self = c.get("/api/user/self");
        assertTrue(self.success(), self.body().toString());
        assertEquals("root", self.data().path("username").asText());
        assertTrue(self.data().path("require_password_change").asBoolean());
        assertFalse(self.data().has("password"));
        assertFalse(self.data().has("access_token"));
    }

    @Test
    void goBcryptHashesFromOneApiAreAccepted() {
        User root = fx.userNamed("root");
        fx.storage.users().insert(new User(0, "gouser",
                "$2a$10$XajjQvNhvvRt5GSeFk1xFeyqRrsxkhBkUiQeg0dt.wU1qD4aFDcga", "Go", 1, 1, "", "", "", "", "",
                "0123456789abcdef0123456789abcdef", 0, 0, 0, "default", "gogo", 0));
        assertEquals("gouser", fx.client().login("gouser", "allmine").data().path("username").asText());
        assertTrue(root.enabled());
    }

    @Test
    void cookieIsSecureBehindAnHttpsProxyAndApiRepliesAreGzipped() throws Exception {
        HttpResponse<byte[]> reply = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fx.server.port()
                                + "/api/user/login"))
                        .header("X-Forwarded-Proto", "https").header("Accept-Encoding", "gzip")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "{\"username\":\"root\",\"password\":\"123456\"}")).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertTrue(reply.headers().firstValue("Set-Cookie").orElseThrow().contains("Secure"));
        assertEquals("gzip", reply.headers().firstValue("Content-Encoding").orElse(""));
        String body = new String(new GZIPInputStream(new ByteArrayInputStream(reply.body())).readAllBytes(),
                StandardCharsets.UTF_8);
        assertTrue(body.contains("\"success\":true"), body);
    }

    @Test
    void aTakenPortFailsTheStart() {
        GatewayConfig taken = TestConfigs.config(fx.database.settings(),
                TestConfigs.Limits.GENEROUS);
        taken = new GatewayConfig(taken.role(), taken.nodeType(),
                new GatewayConfig.ServerSettings(1, fx.server.port(), Path.of("logs"), false,
                        TestConfigs.SESSION_SECRET, false, "", "default", Duration.ofSeconds(1)),
                taken.database(), taken.cache(), taken.relay(), taken.jobs(), taken.rateLimits(), taken.metric(),
                taken.bootstrap(), false, false);
        GatewayConfig config = taken;
        assertThrows(RuntimeException.class,
                () -> AdminServer.start(config, fx.storage, AdminEnvironment.defaults()));
    }

    @Test
    void withoutCredentialsUserRoutesAnswer401() {
        ApiClient.Reply reply = fx.client().get("/api/user/self");
        assertEquals(401, reply.status());
        assertFalse(reply.body().path("success").asBoolean());
    }

    @Test
    void wrongPasswordIsRefusedWithOneMessage() {
        ApiClient.Reply reply = fx.client().post("/api/user/login", Map.of("username", "root", "password", "nope"));
        assertFalse(reply.success());
        assertEquals("Invalid username or password, or the user has been banned", reply.message());
        ApiClient.Reply unknown = fx.client().post("/api/user/login",
                Map.of("username", "ghost", "password", "whatever1"));
        assertEquals(reply.message(), unknown.message());
    }

    @Test
    void logoutEndsTheSession() {
        ApiClient c = fx.user("leaver");
        assertTrue(c.get("/api/user/self").success());
        assertTrue(c.get("/api/user/logout").success());
        assertEquals(401, c.get("/api/user/self").status());
    }

    @Test
    void tamperedCookieIsIgnored() {
        ApiClient c = fx.client();
        String cookie = c.login("root", "123456").setCookie().orElseThrow();
        String value = cookie.substring("session=".length(), cookie.indexOf(';'));
        String forged = value.substring(0, value.indexOf('.')) + ".AAAA";
        ApiClient.Reply reply = fx.client().withAuthorization(null).getWithCookie("/api/user/self", "session=" + forged);
        assertEquals(401, reply.status());
    }

    @Test
    void accessTokenWorksWithAndWithoutBearerAndIsNeverListed() {
        ApiClient user = fx.user("tokenuser");
        ApiClient.Reply generated = user.get("/api/user/token");
        assertTrue(generated.success());
        String token = generated.data().asText();
        assertEquals(32, token.length());

        ApiClient bare = fx.client().fresh().withAuthorization(token);
        assertEquals("tokenuser", bare.get("/api/user/self").data().path("username").asText());
        ApiClient bearer = fx.client().fresh().withAuthorization("Bearer " + token);
        assertEquals("tokenuser", bearer.get("/api/user/self").data().path("username").asText());

        ApiClient.Reply wrong = fx.client().fresh().withAuthorization(token.toUpperCase()).get("/api/user/self");
        assertEquals(200, wrong.status());
        assertEquals("Unauthorized: invalid access token", wrong.message());

        ApiClient.Reply list = fx.root().get("/api/user/");
        assertTrue(list.success());
        assertFalse(list.body().toString().contains(token), "user list must not carry access tokens");
        assertFalse(list.body().toString().contains("access_token"));
    }

    /**
     * A link or redirect from another site carries the Lax session cookie on GET; the GET routes that change
     * state (token rotation here; e-mail and WeChat binding) must not act on it.
     */
    @Test
    void crossSiteBrowserRequestsAreRefused() {
        ApiClient user = fx.user("csrfvictim");
        String token = user.get("/api/user/token").data().asText();
        ApiClient.Reply forged = user.getFromSite("/api/user/token", "cross-site");
        assertEquals(403, forged.status());
        assertEquals("cross-site requests to the management API are refused", forged.message());
        assertEquals(403, user.getFromSite("/api/user/token", "same-site").status(), "a sibling subdomain neither");
        ApiClient scripted = fx.client().fresh().withAuthorization(token);
        assertTrue(scripted.get("/api/user/self").success(), "the forged request rotated nothing");
        assertTrue(user.getFromSite("/api/user/self", "same-origin").success(), "the UI's own calls work");
        assertTrue(user.getFromSite("/api/user/self", "none").success(), "a typed address works");
    }

    @Test
    void commonUserIsRefusedAdminRoutes() {
        ApiClient c = fx.user("plainuser");
        ApiClient.Reply reply = c.get("/api/user/");
        assertEquals(200, reply.status());
        assertEquals("Unauthorized: insufficient permissions", reply.message());
        assertEquals("Unauthorized: insufficient permissions", c.get("/api/option/").message());
    }

    @Test
    void passwordChangeEndsOtherSessionsButKeepsTheCurrentOne() {
        ApiClient first = fx.user("changer");
        ApiClient second = fx.client();
        second.login("changer", "password1");
        String accessToken = first.get("/api/user/token").data().asText();
        ApiClient scripted = fx.client().fresh().withAuthorization(accessToken);
        assertTrue(scripted.get("/api/user/self").success());
        ApiClient.Reply change = first.put("/api/user/self", Map.of("password", "password2"));
        assertTrue(change.success(), change.body().toString());
        assertTrue(first.get("/api/user/self").success(), "the session that changed the password stays valid");
        assertEquals("User has been banned", second.get("/api/user/self").message());
        assertEquals("Unauthorized: invalid access token", scripted.get("/api/user/self").message(),
                "the access token is revoked with the old password");
    }
}
