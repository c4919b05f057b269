package io.oneapi.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chat completions end to end: real proxy, real SQLite, mock OpenAI upstream, HTTP client. */
class RelayChatTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String COMPLETION = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
            + "\"model\":\"gpt-4o-mini\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":\"Hello!\"},\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":5,\"total_tokens\":15}}";
    static final String REQUEST = "{\"model\":\"gpt-4o-mini\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
            + "\"unknown_field\":{\"kept\":true}}";

    @TempDir
    Path dir;
    MockUpstream upstream;
    TestGateway gateway;
    int userId;
    String key;

    @BeforeEach
    void start() {
        upstream = new MockUpstream();
        gateway = TestGateway.start(dir);
        userId = gateway.user("alice", 10_000_000, "default", 1);
        key = gateway.token(userId, 1_000_000, false);
        gateway.channel(upstream.baseUrl(), "gpt-4o-mini,gpt-4o", 0, 0);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void forwardsAUnaryChatUntouchedAndBillsTheUpstreamUsage() throws Exception {
        upstream.script(r -> new MockUpstream.Json(200, COMPLETION));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", key, REQUEST);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(COMPLETION, response.body(), "pass-through must not re-serialise");
        assertNotNull(response.headers().firstValue("X-Oneapi-Request-Id").orElse(null));
        MockUpstream.Received sent = upstream.received().get(0);
        assertEquals("/v1/chat/completions", sent.uri());
        assertEquals(REQUEST, sent.bodyText(), "request body forwarded byte for byte");
        assertEquals("Bearer sk-upstream-secret", sent.header("Authorization"));

        gateway.stopProxy();
        List<LogEntry> logs = gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 10);
        assertEquals(1, logs.size());
        LogEntry log = logs.get(0);
        assertEquals(LogEntry.TYPE_CONSUME, log.type());
        assertEquals(10, log.promptTokens());
        assertEquals(5, log.completionTokens());
        assertEquals("gpt-4o-mini", log.modelName());
        assertTrue(log.quota() > 0);
        long userQuota = gateway.storage().users().findById(userId).orElseThrow().quota();
        assertEquals(10_000_000 - log.quota(), userQuota, "user charged exactly the logged quota");
        assertEquals(1_000_000 - log.quota(), gateway.tokenRow(key).remainQuota());
        assertEquals(log.quota(), gateway.tokenRow(key).usedQuota());
    }

    @Test
    void streamsSseBytesAndAppendsDoneWhenTheUpstreamOmitsIt() throws Exception {
        List<String> chunks = List.of(
                "data: {\"id\":\"c\",\"choices\":[{\"delta\":{\"role\":\"assistant\",\"content\":\"Hel\"}}]}\n\n",
                "data: {\"id\":\"c\",\"choices\":[{\"delta\":{\"content\":\"lo\"}}]}\n\n",
                "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,"
                        + "\"total_tokens\":5}}\n\n");
        upstream.script(r -> MockUpstream.Stream.sse(chunks));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", key,
                "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(200, response.statusCode());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        assertEquals(String.join("", chunks) + "data: [DONE]\n\n", response.body());

        gateway.stopProxy();
        LogEntry log = gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 10).get(0);
        assertEquals(3, log.promptTokens());
        assertEquals(2, log.completionTokens());
        assertTrue(log.isStream());
    }

    @Test
    void countsTokensLocallyWhenTheStreamCarriesNoUsage() throws Exception {
        List<String> chunks = List.of(
                "data: {\"choices\":[{\"delta\":{\"content\":\"hello world\"}}]}\n\n", "data: [DONE]\n\n");
        upstream.script(r -> MockUpstream.Stream.sse(chunks));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", key,
                "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(String.join("", chunks), response.body(), "upstream [DONE] is not duplicated");
        gateway.stopProxy();
        LogEntry log = gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 10).get(0);
        assertEquals(2, log.completionTokens(), "'hello world' is two tokens");
        assertTrue(log.promptTokens() > 0);
    }

    @Test
    void appliesModelMappingAndSystemPromptKeepingUnknownFields() throws Exception {
        gateway.storage().channels().delete(1);
        gateway.channel(1, upstream.baseUrl(), "gpt-4o-mini", "default", 0, 0,
                "{\"gpt-4o-mini\":\"gpt-4o-mini-2024-07-18\"}", "Be brief.");
        upstream.script(r -> new MockUpstream.Json(200, COMPLETION));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", key, REQUEST);
        assertEquals(200, response.statusCode(), response.body());
        JsonNode sent = JSON.readTree(upstream.received().get(0).bodyText());
        assertEquals("gpt-4o-mini-2024-07-18", sent.path("model").asText());
        assertEquals("system", sent.path("messages").get(0).path("role").asText());
        assertEquals("Be brief.", sent.path("messages").get(0).path("content").asText());
        assertTrue(sent.path("unknown_field").path("kept").asBoolean(), "unknown fields survive re-serialisation");
    }

    @Test
    void listsModelsOfTheUsersGroup() throws Exception {
        HttpResponse<String> response = gateway.get("/v1/models", key);
        assertEquals(200, response.statusCode());
        JsonNode body = JSON.readTree(response.body());
        assertEquals("list", body.path("object").asText());
        assertEquals(2, body.path("data").size());
        assertEquals("gpt-4o", body.path("data").get(0).path("id").asText());
        HttpResponse<String> one = gateway.get("/v1/models/gpt-4o", key);
        assertEquals(200, one.statusCode());
        assertEquals("gpt-4o", JSON.readTree(one.body()).path("id").asText());
        HttpResponse<String> missing = gateway.get("/v1/models/no-such-model", key);
        assertEquals(404, missing.statusCode());
        assertEquals("model_not_found", JSON.readTree(missing.body()).path("error").path("code").asText());
    }

    /** Azure's content-filter preamble (empty choices, no usage) is dropped, as One API drops it. */
    @Test
    void azuresContentFilterPreambleIsDropped() throws Exception {
        String preamble = "data: {\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\","
                + "\"prompt_filter_results\":[{\"prompt_index\":0,\"content_filter_results\":{}}]}\n\n";
        List<String> rest = List.of(
                "data: {\"id\":\"c\",\"choices\":[{\"delta\":{\"content\":\"Hi\"}}]}\n\n",
                "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,"
                        + "\"total_tokens\":4}}\n\n",
                "data: [DONE]\n\n");
        List<String> chunks = new java.util.ArrayList<>(List.of(preamble));
        chunks.addAll(rest);
        upstream.script(r -> new MockUpstream.Stream(200, "text/event-stream", chunks, 30, -1));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", key,
                "{\"model\":\"gpt-4o\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(200, response.statusCode());
        assertEquals(String.join("", rest), response.body(), "the rest byte for byte, the final usage chunk kept");
    }

    /** An upstream that streams to a non-stream request is billed from its events, not as an empty answer. */
    @Test
    void anUnaskedForStreamIsBilledFromItsEvents() throws Exception {
        List<String> chunks = List.of(
                "data: {\"id\":\"c\",\"choices\":[{\"delta\":{\"content\":\"Hello there\"}}]}\n\n",
                "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":7,"
                        + "\"total_tokens\":11}}\n\n",
                "data: [DONE]\n\n");
        upstream.script(r -> MockUpstream.Stream.sse(chunks));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", key,
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(200, response.statusCode());

        gateway.stopProxy();
        LogEntry log = gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 10).get(0);
        assertEquals(4, log.promptTokens());
        assertEquals(7, log.completionTokens(), "the completion is billed");
    }

    /** A big inline photo is a few hundred tokens, not millions: the reservation must not refuse the request. */
    @Test
    void aLargeInlineImageDoesNotInflateTheReservation() throws Exception {
        upstream.script(r -> new MockUpstream.Json(200, COMPLETION));
        String photo = "A".repeat(4 * 1024 * 1024);
        HttpResponse<String> response = gateway.post("/v1/chat/completions", key,
                "{\"model\":\"gpt-4o\",\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\","
                        + "\"image_url\":{\"url\":\"data:image/jpeg;base64," + photo + "\"}}]}]}");
        assertEquals(200, response.statusCode(), "4 MB at 0.38 tokens a byte would hold 3.8M quota, the token has 1M");
    }

    @Test
    void publishesTheLoadedPluginsForTheAdminServer() throws Exception {
        var rows = gateway.storage().pluginCatalog().list();
        assertEquals(1, rows.size());
        JsonNode descriptor = JSON.readTree(rows.get(0).descriptorJson());
        assertEquals("openai", descriptor.path("id").asText());
        assertTrue(descriptor.path("channelTypes").size() > 20);
        assertEquals(1, descriptor.path("channelTypes").get(0).path("type").asInt());
        assertTrue(descriptor.path("channelTypes").get(0).path("defaultModels").toString().contains("gpt-4o"));
    }

    @Test
    void answersTheBillingCompatibilityRoutes() throws Exception {
        HttpResponse<String> sub = gateway.get("/v1/dashboard/billing/subscription", key);
        assertEquals(200, sub.statusCode());
        assertEquals(2.0, JSON.readTree(sub.body()).path("hard_limit_usd").asDouble(), 1e-9,
                "1,000,000 quota at 500,000 per dollar");
        HttpResponse<String> usage = gateway.get("/dashboard/billing/usage", key);
        assertEquals(0.0, JSON.readTree(usage.body()).path("total_usage").asDouble(), 1e-9);
    }

    /** GLOBAL_API_RATE_LIMIT guards the billing routes per address, before the key; the relay is not limited. */
    @Test
    void billingRoutesAreRateLimitedPerAddress() throws Exception {
        java.nio.file.Path limitedDir = java.nio.file.Files.createDirectories(dir.resolve("limited"));
        try (TestGateway limited = TestGateway.start(limitedDir, java.util.Map.of("GLOBAL_API_RATE_LIMIT", "2"),
                java.util.Map.of())) {
            int owner = limited.user("bob", 10_000_000, "default", 1);
            String bobKey = limited.token(owner, 1_000_000, false);
            limited.channel(upstream.baseUrl(), "gpt-4o-mini", 0, 0);
            upstream.script(r -> new MockUpstream.Json(200, COMPLETION));

            assertEquals(200, limited.get("/dashboard/billing/usage", bobKey).statusCode());
            assertEquals(401, limited.get("/v1/dashboard/billing/subscription", "wrong").statusCode());
            HttpResponse<String> refused = limited.get("/dashboard/billing/subscription", bobKey);
            assertEquals(429, refused.statusCode(), refused.body());
            assertEquals("rate_limit_exceeded", JSON.readTree(refused.body()).path("error").path("code").asText());
            for (int i = 0; i < 3; i++) {
                assertEquals(200, limited.post("/v1/chat/completions", bobKey, REQUEST).statusCode());
            }
        }
    }
}
