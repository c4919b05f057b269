package io.oneapi.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.User;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up switches and options that change what the relay sends: ENFORCE_INCLUDE_USAGE, the raw proxy route. */
class RelayOptionsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void enforceIncludeUsageAsksTheUpstreamForUsageOnEveryStream() throws Exception {
        try (MockUpstream upstream = new MockUpstream()) {
            upstream.script(r -> MockUpstream.Stream.sse(List.of(
                    "data: {\"choices\":[{\"delta\":{\"content\":\"x\"}}]}\n\n",
                    "data: {\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":1,\"total_tokens\":5}}\n\n",
                    "data: [DONE]\n\n")));
            TestGateway gateway = TestGateway.start(dir, Map.of("ENFORCE_INCLUDE_USAGE", "true"), Map.of());
            try {
                int user = gateway.user("gina", 100_000_000, "default", 1);
                String key = gateway.token(user, 0, true);
                gateway.channel(upstream.baseUrl(), "m", 0, 0);
                HttpResponse<String> response = gateway.post("/v1/chat/completions", key,
                        "{\"model\":\"m\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
                assertEquals(200, response.statusCode());
                JsonNode sent = JSON.readTree(upstream.received().get(0).bodyText());
                assertTrue(sent.path("stream_options").path("include_usage").asBoolean(), sent.toString());
                gateway.stopProxy();
                LogEntry log = gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 1).get(0);
                assertEquals(4, log.promptTokens());
                assertEquals(1, log.completionTokens());
            } finally {
                gateway.close();
            }
        }
    }

    @Test
    void theRawProxyRouteIsForAdminsAndIsLogged() throws Exception {
        try (MockUpstream upstream = new MockUpstream()) {
            upstream.script(r -> new MockUpstream.Json(200, "{\"raw\":true}"));
            TestGateway gateway = TestGateway.start(dir);
            try {
                int admin = gateway.user("root2", 100_000_000, "default", User.ROLE_ROOT);
                String key = gateway.token(admin, 0, true);
                int channel = gateway.channel(43, upstream.baseUrl(), "", "default", 0, 0, "", "");
                HttpResponse<String> response = gateway.post("/v1/oneapi/proxy/" + channel + "/v1/custom/path?a=1",
                        key, "{\"anything\":1}");
                assertEquals(200, response.statusCode(), response.body());
                assertEquals("{\"raw\":true}", response.body());
                MockUpstream.Received sent = upstream.received().get(0);
                assertEquals("/v1/custom/path?a=1", sent.uri());
                assertEquals("sk-upstream-secret", sent.header("Authorization"));
                gateway.stopProxy();
                List<LogEntry> logs = gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 10);
                assertEquals(1, logs.size(), "proxy requests are logged (One API logged nothing)");
                assertEquals(0, logs.get(0).quota());
                assertEquals(channel, logs.get(0).channelId());
            } finally {
                gateway.close();
            }
        }
    }
}
