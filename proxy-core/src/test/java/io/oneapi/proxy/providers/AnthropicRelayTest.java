package io.oneapi.proxy.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.plugin.anthropic.AnthropicAdapter;
import io.oneapi.proxy.fetch.ImageServer;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.ProviderChannel;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Anthropic (channel type 14) end to end: real gateway, real SQLite, a mock speaking the Messages API, an
 * HTTP client speaking OpenAI's. Unary and streamed chat (with a tool call), error mapping with retry and
 * automatic disable, and an image URL fetched by the core from a loopback server.
 */
class AnthropicRelayTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final long USER_QUOTA = 10_000_000;
    static final String MESSAGE = "{\"id\":\"msg_01XFDUDYJgAACzvnptvVoYEL\",\"type\":\"message\",\"role\":\"assistant\","
            + "\"model\":\"claude-3-5-sonnet-20241022\",\"content\":[{\"type\":\"text\",\"text\":\"Hello!\"}],"
            + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":12,"
            + "\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":100,\"output_tokens\":9}}";
    static final String CHAT = "{\"model\":\"claude-3-5-sonnet-20241022\",\"messages\":[{\"role\":\"system\","
            + "\"content\":\"Be brief.\"},{\"role\":\"user\",\"content\":\"Hi\"}],\"temperature\":0.3}";

    @TempDir
    Path dir;
    final ImageServer images = new ImageServer();
    final MockUpstream upstream = new MockUpstream();
    TestGateway gateway;
    int userId;
    String key;

    /** A gateway with the Anthropic adapter and these options; image URLs may come from {@link #images}. */
    private void start(Path where, Map<String, String> options) {
        gateway = TestGateway.start(where, Map.of(), options, List.of(new AnthropicAdapter()), "",
                p -> p.allowingLoopbackForTests(images.port()));
        userId = gateway.user("alice", USER_QUOTA, "default", 1);
        key = gateway.token(userId, 1_000_000, false);
    }

    @BeforeEach
    void startDefault() {
        start(dir, Map.of());
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
        images.close();
    }

    private void restart(Map<String, String> options) throws IOException {
        gateway.close();
        start(Files.createDirectories(dir.resolve("restarted")), options);
    }

    /** An Anthropic channel at the mock with this key; a higher priority is tried first. */
    private int channel(String channelKey, long priority) {
        long now = System.currentTimeMillis() / 1000;
        return gateway.storage().channels().insert(new ProviderChannel(0, 14, channelKey, 1, "ch-" + channelKey, 0,
                now, 0, 0, upstream.baseUrl(), "", 0, 0, "claude-3-5-sonnet-20241022", "default", 0, "", priority,
                "{}", ""));
    }

    private int channel(String channelKey) {
        return channel(channelKey, 0);
    }

    private HttpResponse<String> post(String json) throws Exception {
        return gateway.post("/v1/chat/completions", key, json);
    }

    private MockUpstream.Received received() {
        assertEquals(1, upstream.received().size(), "one upstream call");
        return upstream.received().get(0);
    }

    /** The log rows, read after the proxy drained its billing. */
    private List<LogEntry> logs() {
        gateway.stopProxy();
        return gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 10);
    }

    private int status(int channel) {
        return gateway.storage().channels().findById(channel).orElseThrow().status();
    }

    private int awaitStatus(int channel, int wanted) {
        long deadline = System.currentTimeMillis() + 5_000;
        int seen = status(channel);
        while (seen != wanted && System.currentTimeMillis() < deadline) {
            Thread.onSpinWait();
            seen = status(channel);
        }
        return seen;
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    /** The {@code data:} payloads of an SSE body, {@code [DONE]} included. */
    private static List<String> events(String body) {
        return body.lines().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
    }

    @Test
    void unaryChatIsTranslatedBothWaysAndBilledFromClaudesUsage() throws Exception {
        channel("sk-ant-one");
        upstream.script(r -> new MockUpstream.Json(200, MESSAGE));

        HttpResponse<String> response = post(CHAT);

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals("chatcmpl-msg_01XFDUDYJgAACzvnptvVoYEL", body.path("id").asText());
        assertEquals("Hello!", body.at("/choices/0/message/content").asText());
        assertEquals("stop", body.at("/choices/0/finish_reason").asText());
        assertEquals(112, body.at("/usage/prompt_tokens").asInt(), "cache reads count as prompt tokens");
        assertEquals(100, body.at("/usage/prompt_tokens_details/cached_tokens").asInt());

        MockUpstream.Received sent = received();
        assertEquals("/v1/messages", sent.uri());
        assertEquals("sk-ant-one", sent.header("x-api-key"));
        assertEquals("2023-06-01", sent.header("anthropic-version"));
        assertEquals(null, sent.header("Authorization"));
        JsonNode claude = json(sent.bodyText());
        assertEquals("Be brief.", claude.path("system").asText());
        assertEquals("Hi", claude.at("/messages/0/content/0/text").asText());
        assertEquals(4096, claude.path("max_tokens").asInt());
        assertEquals(0.3, claude.path("temperature").asDouble());

        List<LogEntry> logs = logs();
        assertEquals(1, logs.size());
        LogEntry log = logs.get(0);
        assertEquals(LogEntry.TYPE_CONSUME, log.type());
        assertEquals(112, log.promptTokens(), "Claude's own count with the cache reads");
        assertEquals(9, log.completionTokens());
        assertTrue(log.quota() > 0);
        assertEquals(USER_QUOTA - log.quota(), gateway.storage().users().findById(userId).orElseThrow().quota());
    }

    @Test
    void aStreamedToolCallArrivesAsOpenAiChunks() throws Exception {
        channel("sk-ant-one");
        List<String> sse = List.of(
                "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"id\":\"msg_019Q\",\"type\":"
                        + "\"message\",\"role\":\"assistant\",\"model\":\"claude-3-5-sonnet-20241022\",\"content\":[],"
                        + "\"stop_reason\":null,\"usage\":{\"input_tokens\":377,\"output_tokens\":1}}}\n\nevent: con",
                "tent_block_start\ndata: {\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":"
                        + "\"tool_use\",\"id\":\"toolu_01NR\",\"name\":\"get_weather\",\"input\":{}}}\n\n"
                        + "event: ping\ndata: {\"type\": \"ping\"}\n\n",
                "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":"
                        + "\"input_json_delta\",\"partial_json\":\"{\\\"locati\"}}\n\nevent: content_block_delta\ndata: "
                        + "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\","
                        + "\"partial_json\":\"on\\\": \\\"Paris\\\"}\"}}\n\n",
                "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n"
                        + "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":"
                        + "\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":65}}\n\n"
                        + "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");
        upstream.script(r -> MockUpstream.Stream.sse(sse));

        HttpResponse<String> response = post("{\"model\":\"claude-3-5-sonnet-20241022\","
                + "\"stream\":true,\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Weather in Paris?\"}],\"tools\":[{\"type\":\"function\",\"function\":{\"name\":"
                + "\"get_weather\",\"parameters\":{\"type\":\"object\",\"properties\":{\"location\":{\"type\":"
                + "\"string\"}}}}}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        List<String> events = events(response.body());
        assertEquals("[DONE]", events.get(events.size() - 1));
        StringBuilder arguments = new StringBuilder();
        List<String> finishReasons = new ArrayList<>();
        JsonNode usage = null;
        for (String event : events.subList(0, events.size() - 1)) {
            JsonNode chunk = json(event);
            assertEquals("chat.completion.chunk", chunk.path("object").asText(), event);
            assertEquals("chatcmpl-msg_019Q", chunk.path("id").asText());
            JsonNode call = chunk.at("/choices/0/delta/tool_calls/0");
            if (!call.isMissingNode()) {
                assertEquals(0, call.path("index").asInt());
                arguments.append(call.at("/function/arguments").asText());
                if (call.has("id")) {
                    assertEquals("toolu_01NR", call.path("id").asText());
                    assertEquals("get_weather", call.at("/function/name").asText());
                }
            }
            if (chunk.at("/choices/0/finish_reason").isTextual()) {
                finishReasons.add(chunk.at("/choices/0/finish_reason").asText());
            }
            if (chunk.has("usage")) {
                usage = chunk.get("usage");
            }
        }
        assertEquals("{\"location\": \"Paris\"}", arguments.toString());
        assertEquals(List.of("tool_calls"), finishReasons);
        assertEquals(442, usage.path("total_tokens").asInt());
        JsonNode claude = json(received().bodyText());
        assertTrue(claude.path("stream").asBoolean());
        assertEquals("get_weather", claude.at("/tools/0/name").asText());

        LogEntry log = logs().get(0);
        assertTrue(log.isStream());
        assertEquals(377, log.promptTokens());
        assertEquals(65, log.completionTokens());
    }

    @Test
    void anthropicErrorsPassThroughWithTheirKind() throws Exception {
        int channel = channel("sk-ant-one");
        upstream.script(r -> new MockUpstream.Json(400, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"invalid_request_error\",\"message\":\"prompt is too long: 215438 tokens > 200000 maximum\"}}"));
        HttpResponse<String> tooLong = post(CHAT);
        assertEquals(400, tooLong.statusCode());
        JsonNode error = json(tooLong.body()).path("error");
        assertTrue(error.path("message").asText().startsWith("prompt is too long"), tooLong.body());
        assertEquals("invalid_request_error", error.path("type").asText());
        assertEquals(ProviderChannel.STATUS_ENABLED, status(channel), "a long prompt is not the key's fault");
        assertEquals(List.of(), logs(), "failed requests cost nothing");
    }

    @Test
    void anOverloadedUpstreamIsRetriedOnAnotherChannel() throws Exception {
        restart(Map.of("RetryTimes", "1"));
        int first = channel("sk-overloaded", 10);
        channel("sk-fine", 0);
        upstream.script(r -> "sk-overloaded".equals(r.header("x-api-key"))
                ? new MockUpstream.Json(529, "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\","
                        + "\"message\":\"Overloaded\"}}")
                : new MockUpstream.Json(200, MESSAGE));

        HttpResponse<String> response = post(CHAT);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(2, upstream.requestCount());
        assertEquals(ProviderChannel.STATUS_ENABLED, status(first), "overload is transient");
    }

    @Test
    void aRejectedKeyDisablesTheChannelWhenAutomaticDisableIsOn() throws Exception {
        restart(Map.of("AutomaticDisableChannelEnabled", "true"));
        int channel = channel("sk-revoked");
        upstream.script(r -> new MockUpstream.Json(401, "{\"type\":\"error\",\"error\":{\"type\":"
                + "\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));

        HttpResponse<String> response = post(CHAT);

        assertEquals(401, response.statusCode(), response.body());
        assertTrue(json(response.body()).at("/error/message").asText().startsWith("invalid x-api-key"), response.body());
        assertEquals(ProviderChannel.STATUS_AUTO_DISABLED, awaitStatus(channel, ProviderChannel.STATUS_AUTO_DISABLED));
    }

    @Test
    void anImageUrlIsFetchedByTheGatewayAndSentInline() throws Exception {
        channel("sk-ant-one");
        images.serve("/cat.png", "image/png", ImageServer.PNG, true);
        upstream.script(r -> new MockUpstream.Json(200, MESSAGE));

        HttpResponse<String> response = post("{\"model\":\"claude-3-5-sonnet-20241022\","
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"What is this?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"" + images.url("/cat.png") + "\"}}]}]}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode image = json(received().bodyText()).at("/messages/0/content/1");
        assertEquals("image", image.path("type").asText());
        assertEquals("base64", image.at("/source/type").asText());
        assertEquals("image/png", image.at("/source/media_type").asText());
        assertEquals(Base64.getEncoder().encodeToString(ImageServer.PNG), image.at("/source/data").asText());
        assertEquals(1, images.hits("/cat.png"));
    }

    @Test
    void anImageUrlOnAPrivateAddressIsRefusedBeforeAnyUpstreamCall() throws Exception {
        channel("sk-ant-one");
        HttpResponse<String> response = post("{\"model\":\"claude-3-5-sonnet-20241022\","
                + "\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"image_url\",\"image_url\":{\"url\":"
                + "\"http://10.20.30.40/admin.png\"}}]}]}");
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("image_fetch_failed", json(response.body()).at("/error/code").asText());
        assertEquals(0, upstream.requestCount());
    }
}
