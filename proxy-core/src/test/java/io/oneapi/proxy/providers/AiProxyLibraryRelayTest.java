package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.ProviderRelay.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.plugin.assorted.aiproxy.AiProxyLibraryAdapter;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.storage.LogEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AI Proxy knowledge base end to end: an answer with its sources, unary and streamed. */
class AiProxyLibraryRelayTest {

    @TempDir
    Path dir;
    ProviderRelay relay;

    @BeforeEach
    void start() {
        relay = new ProviderRelay(dir, new AiProxyLibraryAdapter());
        relay.channel(21, "gpt-3.5-turbo", "{\"library_id\":\"lib-9\"}");
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void theAnswerComesWithItsDocumentsAndIsCountedByTheCore() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"success\":true,\"answer\":\"hello world\","
                + "\"documents\":[{\"title\":\"README\",\"url\":\"https://example.com/r\"}],"
                + "\"errCode\":0,\"message\":\"\"}"));
        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"gpt-3.5-turbo\",\"messages\":[{\"role\":\"user\",\"content\":\"What is it?\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("hello world\n\n参考文档：\n1. [README](https://example.com/r)\n",
                json(response.body()).path("choices").path(0).path("message").path("content").asText());
        MockUpstream.Received sent = relay.received();
        assertEquals("/api/library/ask", sent.uri());
        assertEquals("lib-9", json(sent.bodyText()).path("libraryId").asText());
        assertEquals("What is it?", json(sent.bodyText()).path("query").asText());
        LogEntry log = relay.onlyLog();
        assertTrue(log.completionTokens() > 2, "the answer and its sources are counted");
        assertTrue(log.promptTokens() > 0);
        relay.assertCharged(log);
    }

    @Test
    void theStreamEndsWithTheDocumentsAndAFinish() throws Exception {
        relay.upstream.script(r -> MockUpstream.Stream.sse(List.of(
                "data:{\"content\":\"hello\",\"finish\":false,\"model\":\"gpt-3.5-turbo\",\"documents\":[]}\n\n",
                "data:{\"content\":\" world\",\"finish\":false,\"model\":\"gpt-3.5-turbo\","
                        + "\"documents\":[{\"title\":\"FAQ\",\"url\":\"https://example.com/f\"}]}\n\n",
                "data:{\"content\":\"\",\"finish\":true,\"model\":\"gpt-3.5-turbo\",\"documents\":[]}\n\n")));
        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"gpt-3.5-turbo\",\"stream\":true,"
                + "\"messages\":[{\"role\":\"user\",\"content\":\"What is it?\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("hello world\n\n参考文档：\n1. [FAQ](https://example.com/f)\n",
                ProviderRelay.streamedText(response.body()));
        assertTrue(response.body().endsWith("data: [DONE]\n\n"));
        assertTrue(relay.onlyLog().isStream());
    }
}
