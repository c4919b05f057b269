package io.oneapi.proxy.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.plugin.anthropic.BedrockClaudeAdapter;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.ProviderChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude on AWS Bedrock (channel type 33) end to end: the gateway signs with SigV4, the mock answers with
 * binary AWS event-stream frames split across HTTP chunks, the core decodes them and the adapter turns the
 * Claude events inside into OpenAI chunks. Also InvokeModel, a corrupt frame, an exception frame and a
 * Bedrock error response.
 */
class BedrockRelayTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = "claude-3-haiku-20240307";
    static final String STREAM_CHAT = "{\"model\":\"" + MODEL + "\",\"stream\":true,\"stream_options\":"
            + "{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}";

    @TempDir
    Path dir;
    final BedrockUpstream bedrock = new BedrockUpstream();
    TestGateway gateway;
    String key;

    @BeforeEach
    void start() {
        gateway = TestGateway.start(dir, Map.of(), Map.of(), List.of(new BedrockClaudeAdapter()));
        key = gateway.token(gateway.user("alice", 10_000_000, "default", 1), 1_000_000, false);
    }

    @AfterEach
    void stop() {
        gateway.close();
        bedrock.close();
    }

    /** A Bedrock channel pointed at the mock; credentials in the key (One API's ak|sk|region) or config. */
    private int channel(String channelKey, String config) {
        return gateway.storage().channels().insert(new ProviderChannel(0, 33, channelKey, 1, "aws", 0, 0, 0, 0,
                bedrock.baseUrl(), "", 0, 0, MODEL + ",llama3-8b-8192", "default", 0, "", 0, config, ""));
    }

    private static byte[] frames(String... claudeEvents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String event : claudeEvents) {
            out.writeBytes(EventStreamFrames.chunk(event));
        }
        return out.toByteArray();
    }

    /** The bytes cut at uneven places, so frames straddle HTTP chunks. */
    private static List<byte[]> cut(byte[] bytes, int... sizes) {
        List<byte[]> chunks = new ArrayList<>();
        int at = 0;
        for (int i = 0; at < bytes.length; i++) {
            int size = Math.min(sizes[i % sizes.length], bytes.length - at);
            chunks.add(Arrays.copyOfRange(bytes, at, at + size));
            at += size;
        }
        return chunks;
    }

    private static final String START = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_bdrk_01\",\"type\":"
            + "\"message\",\"role\":\"assistant\",\"model\":\"" + MODEL + "\",\"content\":[],\"stop_reason\":null,"
            + "\"usage\":{\"input_tokens\":25,\"output_tokens\":1}}}";
    private static final String BLOCK = "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":"
            + "{\"type\":\"text\",\"text\":\"\"}}";

    private static String delta(String text) {
        return "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"" + text
                + "\"}}";
    }

    private List<String> events(String body) {
        return body.lines().filter(line -> line.startsWith("data: ")).map(line -> line.substring(6)).toList();
    }

    private List<LogEntry> logs() {
        gateway.stopProxy();
        return gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 10);
    }

    private static JsonNode json(String text) throws IOException {
        return JSON.readTree(text);
    }

    @Test
    void aSignedStreamIsDecodedFromEventStreamAndBilledFromClaudesCounts() throws Exception {
        channel("AKIDEXAMPLE|wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY|us-east-1", "{}");
        byte[] stream = frames(START, BLOCK, delta("Hello"), delta(" from Bedrock"),
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\",\"stop_sequence\":null},"
                        + "\"usage\":{\"output_tokens\":12}}",
                "{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":25,"
                        + "\"outputTokenCount\":12,\"invocationLatency\":580,\"firstByteLatency\":311}}");
        bedrock.script(r -> new BedrockUpstream.EventStream(cut(stream, 7, 150, 3, 64)));

        HttpResponse<String> response = gateway.post("/v1/chat/completions", key, STREAM_CHAT);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElse(""));
        List<String> events = events(response.body());
        assertEquals(6, events.size(), response.body());
        assertEquals("assistant", json(events.get(0)).at("/choices/0/delta/role").asText());
        assertEquals("Hello", json(events.get(1)).at("/choices/0/delta/content").asText());
        assertEquals(" from Bedrock", json(events.get(2)).at("/choices/0/delta/content").asText());
        assertEquals("stop", json(events.get(3)).at("/choices/0/finish_reason").asText());
        assertEquals(37, json(events.get(4)).at("/usage/total_tokens").asInt());
        assertEquals("chatcmpl-msg_bdrk_01", json(events.get(4)).path("id").asText());
        assertEquals("[DONE]", events.get(5));

        BedrockUpstream.Received sent = bedrock.received().get(0);
        assertEquals("POST", sent.method());
        assertEquals("/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke-with-response-stream", sent.path());
        String authorization = sent.header("Authorization");
        assertTrue(authorization.startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"), authorization);
        assertTrue(authorization.contains("/us-east-1/bedrock/aws4_request, SignedHeaders=content-type;host;"
                + "x-amz-date;x-amzn-bedrock-accept, Signature="), authorization);
        assertTrue(sent.header("X-Amz-Date").matches("\\d{8}T\\d{6}Z"), sent.header("X-Amz-Date"));
        assertEquals("application/json", sent.header("X-Amzn-Bedrock-Accept"));
        assertEquals(bedrock.baseUrl().substring("http://".length()), sent.header("Host"),
                "the Host the core sends is the one that was signed");
        JsonNode body = json(sent.body());
        assertEquals("bedrock-2023-05-31", body.path("anthropic_version").asText());
        assertFalse(body.has("model") || body.has("stream"), sent.body());
        assertEquals("Hi", body.at("/messages/0/content/0/text").asText());

        LogEntry log = logs().get(0);
        assertTrue(log.isStream());
        assertEquals(25, log.promptTokens());
        assertEquals(12, log.completionTokens());
    }

    /** Llama 3 on Bedrock: the prompt template goes out, pieces of the generation come back as chunks. */
    @Test
    void aLlamaStreamIsTranslatedAndBilledFromBedrocksCounts() throws Exception {
        channel("AKIDEXAMPLE|wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY|us-east-1", "{}");
        byte[] stream = frames(
                "{\"generation\":\"Blue\",\"prompt_token_count\":31,\"generation_token_count\":1,\"stop_reason\":null}",
                "{\"generation\":\" sky.\",\"prompt_token_count\":null,\"generation_token_count\":3,"
                        + "\"stop_reason\":null}",
                "{\"generation\":\"\",\"prompt_token_count\":null,\"generation_token_count\":4,\"stop_reason\":\"stop\","
                        + "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":31,\"outputTokenCount\":4,"
                        + "\"invocationLatency\":212,\"firstByteLatency\":120}}");
        bedrock.script(r -> new BedrockUpstream.EventStream(cut(stream, 11, 90, 5)));

        HttpResponse<String> response = gateway.post("/v1/chat/completions", key, STREAM_CHAT.replace(MODEL,
                "llama3-8b-8192"));

        assertEquals(200, response.statusCode(), response.body());
        List<String> events = events(response.body());
        assertEquals(5, events.size(), response.body());
        assertEquals("Blue", json(events.get(0)).at("/choices/0/delta/content").asText());
        assertEquals(" sky.", json(events.get(1)).at("/choices/0/delta/content").asText());
        assertEquals("stop", json(events.get(2)).at("/choices/0/finish_reason").asText());
        assertEquals(35, json(events.get(3)).at("/usage/total_tokens").asInt());
        assertEquals("[DONE]", events.get(4));

        BedrockUpstream.Received sent = bedrock.received().get(0);
        assertEquals("/model/meta.llama3-8b-instruct-v1%3A0/invoke-with-response-stream", sent.path());
        assertTrue(json(sent.body()).path("prompt").asText().endsWith(
                "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                        + "<|start_header_id|>assistant<|end_header_id|>\n\n"), sent.body());

        LogEntry log = logs().get(0);
        assertEquals("llama3-8b-8192", log.modelName());
        assertEquals(31, log.promptTokens());
        assertEquals(4, log.completionTokens());
    }

    @Test
    void invokeModelAnswersWithAChatCompletion() throws Exception {
        channel("unused", "{\"region\":\"eu-central-1\",\"ak\":\"AKIACONFIG\",\"sk\":\"config-secret\"}");
        bedrock.script(r -> new BedrockUpstream.Json(200, "{\"id\":\"msg_bdrk_02\",\"type\":\"message\",\"role\":"
                + "\"assistant\",\"model\":\"" + MODEL + "\",\"content\":[{\"type\":\"text\",\"text\":\"Hi there\"}],"
                + "\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":8,\"output_tokens\":3}}",
                Map.of()));

        HttpResponse<String> response = gateway.post("/v1/chat/completions", key,
                "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        JsonNode body = json(response.body());
        assertEquals("Hi there", body.at("/choices/0/message/content").asText());
        assertEquals(11, body.at("/usage/total_tokens").asInt());
        BedrockUpstream.Received sent = bedrock.received().get(0);
        assertEquals("/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke", sent.path());
        assertEquals("application/json", sent.header("Accept"));
        assertTrue(sent.header("Authorization").contains("Credential=AKIACONFIG/"), sent.header("Authorization"));
        assertTrue(sent.header("Authorization").contains("/eu-central-1/bedrock/aws4_request"));
        LogEntry log = logs().get(0);
        assertEquals(8, log.promptTokens());
        assertEquals(3, log.completionTokens());
    }

    @Test
    void aCorruptFrameEndsTheStreamWithAnErrorAndBillsWhatCame() throws Exception {
        channel("AKIDEXAMPLE|secret|us-east-1", "{}");
        byte[] bad = EventStreamFrames.chunk(delta(" world"));
        bad[bad.length - 8] ^= 0x01;
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(frames(START, BLOCK, delta("Hello")));
        stream.writeBytes(bad);
        stream.writeBytes(frames(delta(" never seen")));
        bedrock.script(r -> new BedrockUpstream.EventStream(cut(stream.toByteArray(), 40)));

        HttpResponse<String> response = gateway.post("/v1/chat/completions", key, STREAM_CHAT);

        assertEquals(200, response.statusCode());
        List<String> events = events(response.body());
        assertEquals("Hello", json(events.get(1)).at("/choices/0/delta/content").asText(), response.body());
        JsonNode error = json(events.get(events.size() - 1)).path("error");
        assertTrue(error.path("message").asText().contains("CRC"), response.body());
        assertFalse(events.contains("[DONE]"), "a cut answer must not look complete");
        assertFalse(response.body().contains("never seen"));
        LogEntry log = logs().get(0);
        assertTrue(log.completionTokens() > 0, "what was streamed is billed");
    }

    @Test
    void anExceptionFrameBecomesAnErrorChunk() throws Exception {
        channel("AKIDEXAMPLE|secret|us-east-1", "{}");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(frames(START, BLOCK, delta("Hi")));
        stream.writeBytes(EventStreamFrames.exception("throttlingException", "Too many tokens, please wait"));
        bedrock.script(r -> new BedrockUpstream.EventStream(List.of(stream.toByteArray())));

        HttpResponse<String> response = gateway.post("/v1/chat/completions", key, STREAM_CHAT);

        List<String> events = events(response.body());
        JsonNode error = json(events.get(events.size() - 2)).path("error");
        assertEquals("throttlingException", error.path("type").asText(), response.body());
        assertEquals("Too many tokens, please wait", error.path("message").asText());
        assertEquals("[DONE]", events.get(events.size() - 1));
    }

    @Test
    void bedrockErrorsReachTheClientWithTheirMessage() throws Exception {
        channel("AKIDEXAMPLE|secret|us-east-1", "{}");
        bedrock.script(r -> new BedrockUpstream.Json(403, "{\"Message\":\"You don't have access to the model with"
                + " the specified model ID.\"}", Map.of("x-amzn-ErrorType", "AccessDeniedException:http://internal."
                + "amazon.com/coral/com.amazon.bedrock/")));

        HttpResponse<String> response = gateway.post("/v1/chat/completions", key, STREAM_CHAT);

        assertEquals(403, response.statusCode(), response.body());
        assertTrue(json(response.body()).at("/error/message").asText()
                .startsWith("You don't have access to the model"), response.body());
        assertEquals(List.of(), logs());
    }
}
