package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.ProviderRelay.events;
import static io.oneapi.proxy.providers.ProviderRelay.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.china.qwen.QwenAdapter;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.storage.LogEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ali Qwen on DashScope end to end: text generation (unary, and incremental SSE with DashScope's
 * {@code :HTTP_STATUS} comment lines), the plugin header, embeddings, and image synthesis as an asynchronous
 * task the core polls and whose result file it fetches ({@code FollowUps}).
 */
class QwenRelayTest {
    static final String GENERATION = "/api/v1/services/aigc/text-generation/generation";
    static final String SYNTHESIS = "/api/v1/services/aigc/text2image/image-synthesis";

    @TempDir
    Path dir;
    ProviderRelay relay;

    @BeforeEach
    void start() {
        relay = new ProviderRelay(dir, new QwenAdapter());
        relay.channel(17, relay.upstream.baseUrl(), "qwen-plus,qwen-plus-internet,text-embedding-v2,wanx-v1",
                "{\"plugin\":\"{\\\"pdf_extracter\\\":{}}\"}", "sk-dash");
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void chatWithSearchAndThePluginHeaderIsBilledWithDashScopesCounts() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"output\":{\"choices\":[{\"finish_reason\":\"stop\","
                + "\"message\":{\"role\":\"assistant\",\"content\":\"晴\"}}]},\"usage\":{\"total_tokens\":12,"
                + "\"output_tokens\":1,\"input_tokens\":11},\"request_id\":\"r1\"}"));

        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"qwen-plus-internet\","
                + "\"top_p\":1,\"messages\":[{\"role\":\"user\",\"content\":\"杭州天气\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("晴", json(response.body()).path("choices").path(0).path("message").path("content").asText());
        MockUpstream.Received sent = relay.received();
        assertEquals(GENERATION, sent.uri());
        assertEquals("Bearer sk-dash", sent.header("Authorization"));
        assertEquals("{\"pdf_extracter\":{}}", sent.header("X-DashScope-Plugin"));
        JsonNode body = json(sent.bodyText());
        assertEquals("qwen-plus", body.path("model").asText());
        assertTrue(body.path("parameters").path("enable_search").asBoolean());
        assertEquals(0.9999, body.path("parameters").path("top_p").asDouble());
        LogEntry log = relay.onlyLog();
        assertEquals(11, log.promptTokens());
        assertEquals(1, log.completionTokens());
        assertEquals("qwen-plus-internet", log.modelName());
    }

    @Test
    void incrementalEventsWithDashScopesCommentLinesBecomeChunks() throws Exception {
        relay.upstream.script(r -> MockUpstream.Stream.sse(List.of(
                "id:1\nevent:result\n:HTTP_STATUS/200\ndata:{\"output\":{\"choices\":[{\"message\":{\"content\":\"我是\","
                        + "\"role\":\"assistant\"},\"finish_reason\":\"null\"}]},\"usage\":{\"total_tokens\":10,"
                        + "\"input_tokens\":8,\"output_tokens\":2},\"request_id\":\"r\"}\n\n",
                "id:2\nevent:result\n:HTTP_STATUS/200\ndata:{\"output\":{\"choices\":[{\"message\":{\"content\":\"通义\","
                        + "\"role\":\"assistant\"},\"finish_reason\":\"stop\"}]},\"usage\":{\"total_tokens\":12,"
                        + "\"input_tokens\":8,\"output_tokens\":4},\"request_id\":\"r\"}\n\n")));

        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"qwen-plus\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"你是谁\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("我是通义", ProviderRelay.streamedText(response.body()));
        List<String> events = events(response.body());
        assertEquals("stop", json(events.get(1)).path("choices").path(0).path("finish_reason").asText());
        assertEquals("[DONE]", events.get(events.size() - 1));
        MockUpstream.Received sent = relay.received();
        assertEquals("enable", sent.header("X-DashScope-SSE"));
        assertTrue(json(sent.bodyText()).path("parameters").path("incremental_output").asBoolean());
        LogEntry log = relay.onlyLog();
        assertEquals(8, log.promptTokens());
        assertEquals(4, log.completionTokens());
    }

    @Test
    void embeddingsAreBilledWithTheTotalAsPromptTokens() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"output\":{\"embeddings\":[{\"text_index\":0,"
                + "\"embedding\":[0.5,0.25]}]},\"usage\":{\"total_tokens\":6},\"request_id\":\"r\"}"));

        HttpResponse<String> response = relay.post("/v1/embeddings",
                "{\"model\":\"text-embedding-v2\",\"input\":\"风急天高猿啸哀\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(0.25, json(response.body()).path("data").path(0).path("embedding").path(1).asDouble());
        assertEquals("/api/v1/services/embeddings/text-embedding/text-embedding", relay.received().uri());
        assertEquals(6, relay.onlyLog().promptTokens());
    }

    @Test
    void anImageTaskIsSubmittedPolledAndItsFileFetchedByTheCore() throws Exception {
        String file = "GIF89a-not-really-an-image";
        String fileUrl = relay.upstream.baseUrl() + "/results/cat.png?Signature=abc";
        relay.upstream.script(r -> switch (r.uri().startsWith("/api/v1/tasks/") ? "poll" : r.uri()) {
            case SYNTHESIS -> new MockUpstream.Json(200, "{\"output\":{\"task_id\":\"task-9\",\"task_status\":\"PENDING\"},"
                    + "\"request_id\":\"r\"}");
            case "poll" -> new MockUpstream.Json(200, "{\"output\":{\"task_id\":\"task-9\",\"task_status\":\"SUCCEEDED\","
                    + "\"results\":[{\"url\":\"" + fileUrl + "\"}]},\"usage\":{\"image_count\":1}}");
            default -> new MockUpstream.Json(200, file, java.util.Map.of("Content-Type", "image/gif"));
        });

        HttpResponse<String> response = relay.post("/v1/images/generations",
                "{\"model\":\"wanx-v1\",\"prompt\":\"a cat\",\"size\":\"1024x1024\",\"response_format\":\"b64_json\"}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode image = json(response.body()).path("data").path(0);
        assertEquals(fileUrl, image.path("url").asText());
        List<MockUpstream.Received> calls = relay.upstream.received();
        assertEquals(3, calls.size(), "submit, poll, fetch");
        assertEquals("enable", calls.get(0).header("X-DashScope-Async"));
        assertEquals("GET", calls.get(1).method());
        assertEquals("/api/v1/tasks/task-9", calls.get(1).uri());
        assertEquals("Bearer sk-dash", calls.get(1).header("Authorization"));
        assertEquals("/results/cat.png?Signature=abc", calls.get(2).uri());
        assertNull(calls.get(2).header("Authorization"), "the key never goes to the file host");
        assertEquals(file, new String(Base64.getDecoder().decode(image.path("b64_json").asText()),
                java.nio.charset.StandardCharsets.US_ASCII));
        LogEntry log = relay.onlyLog();
        assertTrue(log.quota() > 0, "images are billed per image: " + log.quota());
        relay.assertCharged(log);
    }

    @Test
    void aFailedImageTaskIsReportedWithDashScopesMessage() throws Exception {
        AtomicInteger polls = new AtomicInteger();
        relay.upstream.script(r -> r.uri().equals(SYNTHESIS)
                ? new MockUpstream.Json(200, "{\"output\":{\"task_id\":\"t\",\"task_status\":\"PENDING\"}}")
                : pollAnswer(polls));

        HttpResponse<String> response = relay.post("/v1/images/generations",
                "{\"model\":\"wanx-v1\",\"prompt\":\"a cat\",\"size\":\"1024x1024\"}");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(json(response.body()).path("error").path("message").asText()
                .startsWith("Input data may contain inappropriate content."), response.body());
        assertEquals(1, polls.get());
    }

    private static MockUpstream.Action pollAnswer(AtomicInteger polls) {
        polls.incrementAndGet();
        return new MockUpstream.Json(200, "{\"output\":{\"task_id\":\"t\",\"task_status\":\"FAILED\","
                + "\"code\":\"DataInspectionFailed\",\"message\":\"Input data may contain inappropriate content.\"}}");
    }
}
