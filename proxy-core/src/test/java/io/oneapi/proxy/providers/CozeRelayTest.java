package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.ProviderRelay.events;
import static io.oneapi.proxy.providers.ProviderRelay.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.assorted.coze.CozeAdapter;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.storage.LogEntry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coze end to end: a bot's answer unary and streamed (tokens counted by the core), an error in a 200 body. */
class CozeRelayTest {
    static final String BOT = "bot-7348293334";

    @TempDir
    Path dir;

    static String message(String type, String content) {
        return "{\"role\":\"assistant\",\"type\":\"" + type + "\",\"content\":\"" + content
                + "\",\"content_type\":\"text\"}";
    }
    ProviderRelay relay;

    @BeforeEach
    void start() {
        relay = new ProviderRelay(dir, new CozeAdapter());
        relay.channel(34, BOT, "{\"user_id\":\"u-42\"}");
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void theBotsAnswerIsTheReplyAndTheCoreCountsTheTokens() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"messages\":[" + message("answer", "hello world")
                + "," + message("follow_up", "More?") + "],\"conversation_id\":\"c1\",\"code\":0,"
                + "\"msg\":\"success\"}"));
        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"" + BOT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode reply = json(response.body()).path("choices").path(0).path("message");
        assertEquals("hello world", reply.path("content").asText());
        MockUpstream.Received sent = relay.received();
        assertEquals("/open_api/v2/chat", sent.uri());
        JsonNode upstream = json(sent.bodyText());
        assertEquals("7348293334", upstream.path("bot_id").asText());
        assertEquals("u-42", upstream.path("user").asText());
        assertEquals("Hi", upstream.path("query").asText());
        LogEntry log = relay.onlyLog();
        assertEquals(2, log.completionTokens(), "'hello world' counted locally");
        assertTrue(log.promptTokens() > 0);
        relay.assertCharged(log);
    }

    @Test
    void answerEventsStreamAndDoneFinishes() throws Exception {
        relay.upstream.script(r -> MockUpstream.Stream.sse(List.of(
                "data:{\"event\":\"message\",\"message\":" + message("answer", "hello") + ",\"is_finish\":false}\n\n",
                "data:{\"event\":\"message\",\"message\":" + message("answer", " world") + ",\"is_finish\":false}\n\n",
                "data:{\"event\":\"message\",\"message\":" + message("follow_up", "More?") + ",\"is_finish\":true}\n\n",
                "data:{\"event\":\"done\"}\n\n")));
        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"" + BOT + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("hello world", ProviderRelay.streamedText(response.body()));
        List<String> events = events(response.body());
        JsonNode last = json(events.get(events.size() - 2)).path("choices").path(0);
        assertEquals("stop", last.path("finish_reason").asText());
        assertEquals("[DONE]", events.get(events.size() - 1));
        LogEntry log = relay.onlyLog();
        assertEquals(2, log.completionTokens());
        assertTrue(log.isStream());
    }

    @Test
    void anErrorCodeInA200BodyIsAnErrorForTheClient() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200,
                "{\"code\":4015,\"msg\":\"The bot_id has not been published to the channel Agent As API.\"}"));
        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"" + BOT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
        assertEquals(500, response.statusCode(), response.body());
        assertTrue(json(response.body()).path("error").path("message").asText().startsWith("The bot_id has not been"),
                response.body());
    }

    static final List<String> V3_EVENTS = List.of(
            "event:conversation.chat.created\ndata:{\"id\":\"c7\",\"bot_id\":\"7348293334\",\"status\":\"created\"}\n\n",
            "event:conversation.message.delta\ndata:{\"id\":\"m1\",\"role\":\"assistant\",\"type\":\"answer\","
                    + "\"content\":\"hello\",\"content_type\":\"text\",\"chat_id\":\"c7\"}\n\n",
            "event:conversation.message.delta\ndata:{\"id\":\"m1\",\"role\":\"assistant\",\"type\":\"answer\","
                    + "\"content\":\" world\",\"content_type\":\"text\",\"chat_id\":\"c7\"}\n\n",
            "event:conversation.message.completed\ndata:{\"id\":\"m1\",\"role\":\"assistant\",\"type\":\"answer\","
                    + "\"content\":\"hello world\",\"content_type\":\"text\",\"chat_id\":\"c7\"}\n\n",
            "event:conversation.chat.completed\ndata:{\"id\":\"c7\",\"status\":\"completed\",\"usage\":"
                    + "{\"token_count\":33,\"output_count\":3,\"input_count\":30}}\n\n",
            "event:done\ndata:\"[DONE]\"\n\n");

    /** A v3 channel: Coze's current chat API, always streamed, billed on the token counts Coze reports. */
    @Test
    void aV3ChannelUsesTheV3ChatApiUnaryAndStreamed() throws Exception {
        try (ProviderRelay v3 = new ProviderRelay(java.nio.file.Files.createDirectories(dir.resolve("v3")),
                new CozeAdapter())) {
            v3.channel(34, BOT, "{\"user_id\":\"u-42\",\"api_version\":\"v3\"}");
            v3.upstream.script(r -> MockUpstream.Stream.sse(V3_EVENTS));

            HttpResponse<String> unary = v3.post("/v1/chat/completions",
                    "{\"model\":\"" + BOT + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            assertEquals(200, unary.statusCode(), unary.body());
            assertEquals("hello world", json(unary.body()).path("choices").path(0).path("message").path("content")
                    .asText());
            MockUpstream.Received sent = v3.upstream.received().get(0);
            assertEquals("/v3/chat", sent.uri());
            JsonNode upstream = json(sent.bodyText());
            assertEquals("u-42", upstream.path("user_id").asText());
            assertTrue(upstream.path("stream").asBoolean(), "v3 is always streamed");
            assertEquals("Hi", upstream.path("additional_messages").path(0).path("content").asText());

            HttpResponse<String> streamed = v3.post("/v1/chat/completions",
                    "{\"model\":\"" + BOT + "\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");
            assertEquals(200, streamed.statusCode());
            assertEquals("hello world", ProviderRelay.streamedText(streamed.body()));
            List<String> events = events(streamed.body());
            assertEquals("[DONE]", events.get(events.size() - 1));

            List<LogEntry> logs = v3.logs();
            assertEquals(2, logs.size());
            for (LogEntry log : logs) {
                assertEquals(30, log.promptTokens(), "Coze's input_count");
                assertEquals(3, log.completionTokens(), "Coze's output_count");
            }
        }
    }
}
