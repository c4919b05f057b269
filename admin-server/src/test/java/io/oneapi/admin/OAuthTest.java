package io.oneapi.admin;

import io.oneapi.admin.oauth.OAuthEndpoints;
import io.oneapi.admin.testing.FakeHttpServer;
import io.oneapi.storage.User;
import io.oneapi.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** OAuth against fake providers: state check, login or register, binding, WeChat's server token. */
class OAuthTest {
    @TempDir
    static Path dir;
    static FakeHttpServer github;
    static FakeHttpServer wechat;
    static FakeHttpServer oidc;
    static AdminFixture fx;
    static ApiClient root;

    @BeforeAll
    static void start() throws Exception {
        github = new FakeHttpServer(Map.of(
                "/login/oauth/access_token", seen -> seen.body().contains("\"code\":\"good\"")
                        ? FakeHttpServer.Answer.ok("{\"access_token\":\"gh-token\"}")
                        : FakeHttpServer.Answer.ok("{\"error\":\"bad_verification_code\"}"),
                "/user", seen -> "Bearer gh-token".equals(seen.header("Authorization"))
                        ? FakeHttpServer.Answer.ok("{\"login\":\"octocat\",\"name\":\"The Octocat\","
                        + "\"email\":\"octo@example.com\"}")
                        : new FakeHttpServer.Answer(401, "{}")));
        oidc = new FakeHttpServer(Map.of(
                "/token", seen -> seen.body().contains("grant_type=authorization_code")
                        && seen.body().contains("redirect_uri=http%3A%2F%2Flocalhost%3A3000%2Foauth%2Foidc")
                        ? FakeHttpServer.Answer.ok("{\"access_token\":\"oidc-token\"}")
                        : new FakeHttpServer.Answer(400, "{}"),
                "/userinfo", seen -> FakeHttpServer.Answer.ok("{\"sub\":\"subject-1\",\"name\":\"Olive\","
                        + "\"preferred_username\":\"olive\",\"email\":\"olive@example.com\"}")));
        wechat = new FakeHttpServer(Map.of("/api/wechat/user", seen -> FakeHttpServer.Answer.ok(
                "wechat-server-token".equals(seen.header("Authorization"))
                        ? "{\"success\":true,\"message\":\"\",\"data\":\"wx-" + seen.query() + "\"}"
                        : "{\"success\":false,\"message\":\"bad token\"}")));
        OAuthEndpoints endpoints = new OAuthEndpoints(github.uri("/login/oauth/access_token"), github.uri("/user"),
                github.uri("/lark/token"), github.uri("/lark/user"));
        fx = AdminFixture.start(TestDatabases.Engine.SQLITE, dir, TestConfigs.Limits.GENEROUS,
                AdminEnvironment.defaults().withOAuth(endpoints));
        root = fx.root();
        for (String[] kv : new String[][] {{"GitHubClientId", "client"}, {"GitHubClientSecret", "secret"},
                {"GitHubOAuthEnabled", "true"}, {"WeChatServerAddress", wechat.uri("").toString()},
                {"WeChatServerToken", "wechat-server-token"}, {"WeChatAuthEnabled", "true"},
                {"OidcClientId", "oidc-client"}, {"OidcClientSecret", "oidc-secret"},
                {"OidcTokenEndpoint", oidc.uri("/token").toString()},
                {"OidcUserinfoEndpoint", oidc.uri("/userinfo").toString()}, {"OidcEnabled", "true"}}) {
            assertTrue(root.put("/api/option/", Map.of("key", kv[0], "value", kv[1])).success(), kv[0]);
        }
    }

    @AfterAll
    static void stop() {
        fx.close();
        github.close();
        wechat.close();
        oidc.close();
    }

    @Test
    void stateMustMatchTheSession() {
        ApiClient c = fx.client();
        ApiClient.Reply noState = c.get("/api/oauth/github?code=good&state=whatever");
        assertEquals(403, noState.status());
        assertEquals("state is empty or not same", noState.message());
        String state = c.get("/api/oauth/state").data().asText();
        assertEquals(12, state.length());
        assertEquals(403, c.get("/api/oauth/github?code=good&state=" + state + "x").status());
        assertEquals(403, fx.client().get("/api/oauth/github?code=good&state=" + state).status(),
                "another browser's state is worthless");
    }

    @Test
    void githubLoginRegistersOnceThenLogsIn() {
        ApiClient c = fx.client();
        String state = c.get("/api/oauth/state").data().asText();
        ApiClient.Reply first = c.get("/api/oauth/github?code=good&state=" + state);
        assertTrue(first.success(), first.body().toString());
        User created = fx.storage.users().findByOAuthId("github_id", "octocat").orElseThrow();
        assertTrue(created.username().startsWith("github_"), created.username());
        assertEquals("The Octocat", created.displayName());
        assertEquals("octo@example.com", created.email());
        assertEquals(created.username(), c.get("/api/user/self").data().path("username").asText());
        assertEquals(403, c.get("/api/oauth/github?code=good&state=" + state).status(), "a state works once");

        ApiClient again = fx.client();
        String second = again.get("/api/oauth/state").data().asText();
        assertEquals(created.id(), again.get("/api/oauth/github?code=good&state=" + second).data().path("id").asInt());

        ApiClient bad = fx.client();
        String third = bad.get("/api/oauth/state").data().asText();
        assertEquals("GitHub OAuth failed, please try again later",
                bad.get("/api/oauth/github?code=bad&state=" + third).message());
    }

    @Test
    void loggedInUserBindsWechatAndTheServerTokenGoesOnlyToTheConfiguredServer() throws Exception {
        ApiClient user = fx.user("binder");
        ApiClient.Reply bind = user.get("/api/oauth/wechat/bind?code=123");
        assertTrue(bind.success(), bind.body().toString());
        assertEquals("bind", bind.message());
        assertEquals("wx-code=123", fx.userNamed("binder").wechatId());
        FakeHttpServer.Seen seen = wechat.next();
        assertEquals("wechat-server-token", seen.header("Authorization"));

        ApiClient other = fx.user("binder2");
        assertFalse(other.get("/api/oauth/wechat/bind?code=123").success(), "one WeChat account binds once");

        ApiClient stranger = fx.client();
        ApiClient.Reply login = stranger.get("/api/oauth/wechat?code=123");
        assertTrue(login.success(), login.body().toString());
        assertEquals("binder", login.data().path("username").asText());
    }

    @Test
    void oidcRegistersWithThePreferredUsername() throws Exception {
        ApiClient c = fx.client();
        String state = c.get("/api/oauth/state").data().asText();
        ApiClient.Reply reply = c.get("/api/oauth/oidc?code=abc&state=" + state);
        assertTrue(reply.success(), reply.body().toString());
        assertEquals("olive", reply.data().path("username").asText());
        User olive = fx.userNamed("olive");
        assertEquals("subject-1", olive.oidcId());
        assertEquals("olive@example.com", olive.email());
        FakeHttpServer.Seen token = oidc.next();
        assertTrue(token.body().contains("client_secret=oidc-secret"), token.body());
    }

    @Test
    void disabledProviderAndMissingCode() {
        root.put("/api/option/", Map.of("key", "WeChatAuthEnabled", "value", "false"));
        try {
            assertEquals("The administrator has not enabled login and registration via WeChat",
                    fx.client().get("/api/oauth/wechat?code=1").message());
        } finally {
            root.put("/api/option/", Map.of("key", "WeChatAuthEnabled", "value", "true"));
        }
        assertEquals("invalid parameters: code is required", fx.client().get("/api/oauth/wechat").message());
    }
}
