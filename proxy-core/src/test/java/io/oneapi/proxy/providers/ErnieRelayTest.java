package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.ProviderRelay.events;
import static io.oneapi.proxy.providers.ProviderRelay.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.china.ernie.ErnieAdapter;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baidu ERNIE v1 end to end: the core exchanges the channel's {@code API_KEY|SECRET_KEY} for an access token at
 * the mock's {@code /oauth/2.0/token}, caches it, and calls wenxinworkshop with it in the URL; unary, stream and
 * embeddings answers are translated and billed with ERNIE's token counts; a token ERNIE rejects is dropped.
 */
class ErnieRelayTest {
    static final String CHAT_PATH = "/rpc/2.0/ai_custom/v1/wenxinworkshop/chat/completions_pro";
    static final String ANSWER = "{\"id\":\"as-1\",\"object\":\"chat.completion\",\"created\":1680167072,"
            + "\"result\":\"你好！\",\"is_truncated\":false,\"need_clear_history\":false,"
            + "\"usage\":{\"prompt_tokens\":4,\"completion_tokens\":3,\"total_tokens\":7}}";
    static final String CHAT = "{\"model\":\"ERNIE-4.0-8K\",\"messages\":[{\"role\":\"system\",\"content\":\"Be kind.\"},"
            + "{\"role\":\"user\",\"content\":\"你好\"}]}";

    @TempDir
    Path dir;
    ProviderRelay relay;
    final AtomicInteger tokensIssued = new AtomicInteger();
    int channelId;

    @BeforeEach
    void start() {
        relay = new ProviderRelay(dir, new ErnieAdapter());
        channelId = relay.channel(15, relay.upstream.baseUrl(), "ERNIE-4.0-8K,Embedding-V1", "{}", "my-ak|my-sk");
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    /** The mock: Baidu's token endpoint issuing numbered tokens, and wenxinworkshop answering with {@code api}. */
    private void script(Function<MockUpstream.Received, MockUpstream.Action> api) {
        relay.upstream.script(r -> r.uri().startsWith("/oauth/2.0/token")
                ? new MockUpstream.Json(200, "{\"refresh_token\":\"25.r\",\"expires_in\":2592000,\"access_token\":\"24.token-"
                        + tokensIssued.incrementAndGet() + "\",\"scope\":\"public\"}")
                : api.apply(r));
    }

    private List<MockUpstream.Received> calls(String prefix) {
        return relay.upstream.received().stream().filter(r -> r.uri().startsWith(prefix)).toList();
    }

    @Test
    void exchangesTheKeyOnceAndReusesTheCachedTokenForEveryCall() throws Exception {
        script(r -> new MockUpstream.Json(200, ANSWER));

        HttpResponse<String> first = relay.post("/v1/chat/completions", CHAT);
        HttpResponse<String> second = relay.post("/v1/chat/completions", CHAT);

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(200, second.statusCode(), second.body());
        JsonNode body = json(second.body());
        assertEquals("你好！", body.path("choices").path(0).path("message").path("content").asText());
        assertEquals("chat.completion", body.path("object").asText());
        List<MockUpstream.Received> token = calls("/oauth/2.0/token");
        assertEquals(1, token.size(), "one token call for two requests");
        assertEquals("POST", token.get(0).method());
        assertEquals("/oauth/2.0/token?grant_type=client_credentials&client_id=my-ak&client_secret=my-sk",
                token.get(0).uri());
        List<MockUpstream.Received> chats = calls(CHAT_PATH);
        assertEquals(2, chats.size());
        for (MockUpstream.Received chat : chats) {
            assertEquals(CHAT_PATH + "?access_token=24.token-1", chat.uri());
            JsonNode sent = json(chat.bodyText());
            assertEquals("Be kind.", sent.path("system").asText());
            assertEquals(1, sent.path("messages").size());
        }

        relay.gateway.stopProxy();
        List<LogEntry> logs = relay.gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 10);
        assertEquals(2, logs.size());
        assertEquals(4, logs.get(0).promptTokens());
        assertEquals(3, logs.get(0).completionTokens());
    }

    @Test
    void streamsResultPiecesAsChunksAndBillsErniesCounts() throws Exception {
        script(r -> MockUpstream.Stream.sse(List.of(
                "data: {\"id\":\"as-2\",\"object\":\"chat.completion\",\"created\":1,\"sentence_id\":0,\"is_end\":false,"
                        + "\"result\":\"当然\",\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":1,\"total_tokens\":6}}\n\n",
                "data: {\"id\":\"as-2\",\"object\":\"chat.completion\",\"created\":1,\"sentence_id\":1,\"is_end\":true,"
                        + "\"result\":\"可以。\",\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":4,\"total_tokens\":9}}\n\n")));

        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"ERNIE-4.0-8K\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"讲个故事\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("当然可以。", ProviderRelay.streamedText(response.body()));
        List<String> events = events(response.body());
        assertEquals("stop", json(events.get(events.size() - 2)).path("choices").path(0).path("finish_reason").asText());
        assertEquals("[DONE]", events.get(events.size() - 1));
        assertTrue(json(calls(CHAT_PATH).get(0).bodyText()).path("stream").asBoolean());
        LogEntry log = relay.onlyLog();
        assertEquals(5, log.promptTokens());
        assertEquals(4, log.completionTokens());
        assertTrue(log.isStream());
        relay.assertCharged(log);
    }

    @Test
    void aTokenErnieRejectsIsDroppedAndTheNextRequestFetchesANewOne() throws Exception {
        AtomicInteger chats = new AtomicInteger();
        script(r -> chats.incrementAndGet() == 1
                ? new MockUpstream.Json(200, "{\"error_code\":110,\"error_msg\":\"Access token invalid or no longer valid\"}")
                : new MockUpstream.Json(200, ANSWER));

        HttpResponse<String> refused = relay.post("/v1/chat/completions", CHAT);
        HttpResponse<String> retried = relay.post("/v1/chat/completions", CHAT);

        assertEquals(401, refused.statusCode(), refused.body());
        assertTrue(json(refused.body()).path("error").path("message").asText()
                .contains("Access token invalid or no longer valid"), refused.body());
        assertEquals(200, retried.statusCode(), retried.body());
        assertEquals(2, calls("/oauth/2.0/token").size(), "the rejected token was forgotten");
        assertEquals(CHAT_PATH + "?access_token=24.token-2", calls(CHAT_PATH).get(1).uri());
    }

    @Test
    void aKeyTheTokenEndpointRefusesFailsWithoutCallingErnie() throws Exception {
        relay.upstream.script(r -> r.uri().startsWith("/oauth/2.0/token")
                ? new MockUpstream.Json(401, "{\"error\":\"invalid_client\",\"error_description\":\"unknown client id\"}")
                : new MockUpstream.Json(200, ANSWER));

        HttpResponse<String> response = relay.post("/v1/chat/completions", CHAT);

        assertEquals(502, response.statusCode(), response.body());
        JsonNode error = json(response.body()).path("error");
        assertEquals("credential_refused", error.path("code").asText());
        assertTrue(error.path("message").asText().contains("invalid_client: unknown client id"), error.toString());
        assertEquals(0, calls(CHAT_PATH).size());
    }

    @Test
    void embeddingsUseTheEmbeddingsEndpointAndTheSameToken() throws Exception {
        script(r -> new MockUpstream.Json(200, "{\"id\":\"as-3\",\"object\":\"embedding_list\",\"created\":1,"
                + "\"data\":[{\"object\":\"embedding\",\"embedding\":[0.25,-0.5],\"index\":0}],"
                + "\"usage\":{\"prompt_tokens\":3,\"total_tokens\":3}}"));

        HttpResponse<String> response = relay.post("/v1/embeddings", "{\"model\":\"Embedding-V1\",\"input\":\"hello\"}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals(-0.5, body.path("data").path(0).path("embedding").path(1).asDouble());
        MockUpstream.Received call = calls("/rpc/").get(0);
        assertEquals("/rpc/2.0/ai_custom/v1/wenxinworkshop/embeddings/embedding-v1?access_token=24.token-1", call.uri());
        assertEquals("[\"hello\"]", json(call.bodyText()).path("input").toString());
        LogEntry log = relay.onlyLog();
        assertEquals(3, log.promptTokens());
    }
}
