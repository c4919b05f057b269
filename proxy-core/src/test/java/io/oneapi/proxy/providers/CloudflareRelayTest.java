package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.ProviderRelay.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.assorted.cloudflare.CloudflareAdapter;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.storage.LogEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cloudflare Workers AI end to end: OpenAI-compatible chat forwarded as is, native text completions. */
class CloudflareRelayTest {
    static final String MODEL = "@cf/meta/llama-3-8b-instruct";
    static final String CHAT = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";
    static final String COMPLETION = "{\"id\":\"id-1\",\"object\":\"chat.completion\",\"created\":1,\"model\":\""
            + MODEL + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello!\"},"
            + "\"finish_reason\":\"stop\"}],"
            + "\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":3,\"total_tokens\":15}}";

    @TempDir
    Path dir;
    ProviderRelay relay;

    @BeforeEach
    void start() {
        relay = new ProviderRelay(dir, new CloudflareAdapter());
        relay.channel(37, MODEL, "{\"user_id\":\"acct-123\"}");
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void chatIsForwardedToTheAccountsOpenAiEndpointByteForByte() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200, COMPLETION));
        HttpResponse<String> response = relay.post("/v1/chat/completions", CHAT);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(COMPLETION, response.body());
        MockUpstream.Received sent = relay.received();
        assertEquals("/client/v4/accounts/acct-123/ai/v1/chat/completions", sent.uri());
        assertEquals(CHAT, sent.bodyText());
        assertEquals("Bearer sk-provider-key", sent.header("Authorization"));
        LogEntry log = relay.onlyLog();
        assertEquals(12, log.promptTokens());
        assertEquals(3, log.completionTokens());
        relay.assertCharged(log);
    }

    @Test
    void textCompletionsUseTheNativeRunEndpointAndItsStream() throws Exception {
        relay.upstream.script(r -> MockUpstream.Stream.sse(List.of("data: {\"response\":\"Hello\"}\n\n",
                "data: {\"response\":\" there\"}\n\n",
                "data: {\"response\":\"\","
                        + "\"usage\":{\"prompt_tokens\":9,\"completion_tokens\":2,\"total_tokens\":11}}\n\n",
                "data: [DONE]\n\n")));
        HttpResponse<String> response = relay.post("/v1/completions",
                "{\"model\":\"" + MODEL + "\",\"prompt\":\"Say hello\",\"stream\":true,\"max_tokens\":16}");

        assertEquals(200, response.statusCode(), response.body());
        StringBuilder text = new StringBuilder();
        for (String event : ProviderRelay.events(response.body())) {
            if (!event.equals("[DONE]")) {
                JsonNode chunk = json(event);
                assertEquals("text_completion", chunk.path("object").asText());
                text.append(chunk.path("choices").path(0).path("text").asText());
            }
        }
        assertEquals("Hello there", text.toString());
        assertTrue(response.body().endsWith("data: [DONE]\n\n"));
        MockUpstream.Received sent = relay.received();
        assertEquals("/client/v4/accounts/acct-123/ai/run/" + MODEL, sent.uri());
        JsonNode upstream = json(sent.bodyText());
        assertEquals("Say hello", upstream.path("prompt").asText());
        assertEquals(16, upstream.path("max_tokens").asInt());
        LogEntry log = relay.onlyLog();
        assertEquals(9, log.promptTokens());
        assertEquals(2, log.completionTokens());
    }

    @Test
    void aChannelWithoutAccountIdIsARequestItCannotTranslate() throws Exception {
        relay.gateway.storage().channels().delete(1);
        relay.channel(37, MODEL, "{}");
        HttpResponse<String> response = relay.post("/v1/chat/completions", CHAT);
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("has no Cloudflare account id"), response.body());
        assertEquals(0, relay.upstream.requestCount());
    }
}
