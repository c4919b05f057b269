package io.oneapi.proxy.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.plugin.openai.OpenAiAdapter;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One origin: the proxy port serves /api and the UI through the admin server, or redirects on slaves. */
class AdminForwarderTest {
    @TempDir
    Path dir;

    @Test
    void forwardsApiAndPagesWithTheirHeadersAndBodies() throws Exception {
        try (MockUpstream admin = new MockUpstream()) {
            admin.script(r -> new MockUpstream.Json(200, "{\"success\":true,\"path\":\"" + r.uri() + "\"}",
                    Map.of("Set-Cookie", "session=abc; HttpOnly")));
            TestGateway gateway = TestGateway.start(dir, Map.of(), Map.of(), List.of(new OpenAiAdapter()),
                    admin.baseUrl());
            try {
                HttpResponse<String> status = gateway.get("/api/status?x=1", null);
                assertEquals(200, status.statusCode());
                assertEquals("{\"success\":true,\"path\":\"/api/status?x=1\"}", status.body());
                assertEquals("session=abc; HttpOnly", status.headers().firstValue("Set-Cookie").orElse(""));
                HttpResponse<String> login = gateway.post("/api/user/login", null, "{\"username\":\"root\"}");
                assertEquals("{\"username\":\"root\"}", admin.received().get(1).bodyText());
                assertEquals(200, login.statusCode());
                assertEquals(200, gateway.get("/", null).statusCode());
                assertTrue(admin.received().get(1).header("X-Forwarded-For") != null);
            } finally {
                gateway.close();
            }
        }
    }

    /**
     * Behind nginx on the same host the admin server must see each client's address, not nginx's, or every
     * client shares one rate-limit window. The entry nginx appended (the last) counts; a forged first one not.
     */
    @Test
    void theAdminServerGetsTheClientAddressOnce() throws Exception {
        try (MockUpstream admin = new MockUpstream()) {
            admin.script(r -> new MockUpstream.Json(200, "{\"success\":true}"));
            TestGateway gateway = TestGateway.start(dir, Map.of(), Map.of(), List.of(new OpenAiAdapter()),
                    admin.baseUrl());
            try {
                send(gateway, "/api/status", "X-Forwarded-For", "6.6.6.6, 203.0.113.7");
                send(gateway, "/api/status", "X-Real-IP", "198.51.100.2");
                send(gateway, "/api/status", "X-Forwarded-For", "not-an-address");
                send(gateway, "/api/status", null, null);
                List<String> seen = admin.received().stream().map(r -> r.header("X-Forwarded-For")).toList();
                assertEquals(List.of("203.0.113.7", "198.51.100.2", "127.0.0.1", "127.0.0.1"), seen);
                assertTrue(admin.received().stream().allMatch(r -> r.header("X-Real-IP") == null));
            } finally {
                gateway.close();
            }
        }
    }

    private static void send(TestGateway gateway, String path, String header, String value) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url(path)));
        if (header != null) {
            b.header(header, value);
        }
        assertEquals(200, gateway.http().send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode());
    }

    @Test
    void slaveNodesRedirectPagesToTheFrontend() throws Exception {
        try (MockUpstream admin = new MockUpstream()) {
            admin.script(r -> new MockUpstream.Json(200, "{\"success\":true}"));
            TestGateway gateway = TestGateway.start(dir, Map.of("NODE_TYPE", "slave",
                    "FRONTEND_BASE_URL", "https://console.example.com/"), Map.of(), List.of(new OpenAiAdapter()),
                    admin.baseUrl());
            try {
                HttpClient noRedirects = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
                HttpResponse<String> page = noRedirects.send(HttpRequest.newBuilder(
                        URI.create(gateway.url("/token?p=2"))).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(301, page.statusCode());
                assertEquals("https://console.example.com/token?p=2", page.headers().firstValue("Location").orElse(""));
                assertEquals(200, gateway.get("/api/status", null).statusCode(), "/api is still served");
            } finally {
                gateway.close();
            }
        }
    }

    @Test
    void withoutAnAdminServerNonRelayPathsAre404() throws Exception {
        TestGateway gateway = TestGateway.start(dir);
        try {
            assertEquals(404, gateway.get("/api/status", null).statusCode());
        } finally {
            gateway.close();
        }
    }
}
