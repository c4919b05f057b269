package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.ProviderRelay.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.plugin.china.hunyuan.HunyuanAdapter;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.storage.LogEntry;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tencent Hunyuan end to end: ChatCompletions (unary and server-sent events) and GetEmbedding, each request's
 * TC3-HMAC-SHA256 signature verified by the mock from what actually arrived (Host, X-TC-Timestamp, body), and
 * Tencent's in-body errors turned into the client's error.
 */
class HunyuanRelayTest {
    static final String SECRET_KEY = "hunyuan-secret-key";

    @TempDir
    Path dir;
    ProviderRelay relay;

    @BeforeEach
    void start() {
        relay = new ProviderRelay(dir, new HunyuanAdapter());
        relay.channel(23, relay.upstream.baseUrl(), "hunyuan-lite,hunyuan-embedding", "{}",
                "1300000000|AKIDhunyuan|" + SECRET_KEY);
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    /** Recomputes the request's TC3-HMAC-SHA256 signature from Tencent's recipe and compares. */
    private static void assertSigned(MockUpstream.Received request, String action) throws Exception {
        long timestamp = Long.parseLong(request.header("X-TC-Timestamp"));
        String date = Instant.ofEpochSecond(timestamp).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        String canonical = "POST\n/\n\ncontent-type:" + request.header("Content-Type") + "\nhost:"
                + request.header("Host") + "\nx-tc-action:" + action.toLowerCase() + "\n\ncontent-type;host;x-tc-action\n"
                + hex(MessageDigest.getInstance("SHA-256").digest(request.body()));
        String toSign = "TC3-HMAC-SHA256\n" + timestamp + "\n" + date + "/hunyuan/tc3_request\n"
                + hex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(hmac(hmac(("TC3" + SECRET_KEY).getBytes(StandardCharsets.UTF_8), date), "hunyuan"),
                "tc3_request");
        assertEquals("TC3-HMAC-SHA256 Credential=AKIDhunyuan/" + date + "/hunyuan/tc3_request, "
                + "SignedHeaders=content-type;host;x-tc-action, Signature=" + hex(hmac(key, toSign)),
                request.header("Authorization"));
        assertEquals(action, request.header("X-TC-Action"));
        assertEquals("2023-09-01", request.header("X-TC-Version"));
        assertTrue(Math.abs(timestamp - System.currentTimeMillis() / 1000) < 60, "a current timestamp");
    }

    private static byte[] hmac(byte[] key, String data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    @Test
    void aSignedChatCompletionIsBilledWithHunyuansUsage() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"Response\":{\"RequestId\":\"r1\",\"Note\":\"以上内容为AI生成\","
                + "\"Choices\":[{\"Message\":{\"Role\":\"assistant\",\"Content\":\"你好！\"},\"FinishReason\":\"stop\"}],"
                + "\"Created\":1715154793,\"Id\":\"r1\",\"Usage\":{\"PromptTokens\":3,\"CompletionTokens\":4,\"TotalTokens\":7}}}"));

        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"hunyuan-lite\",\"messages\":[{\"role\":\"user\",\"content\":\"你好\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("你好！", json(response.body()).path("choices").path(0).path("message").path("content").asText());
        MockUpstream.Received sent = relay.received();
        assertEquals("/", sent.uri());
        assertSigned(sent, "ChatCompletions");
        assertEquals("hunyuan-lite", json(sent.bodyText()).path("Model").asText());
        LogEntry log = relay.onlyLog();
        assertEquals(3, log.promptTokens());
        assertEquals(4, log.completionTokens());
        relay.assertCharged(log);
    }

    @Test
    void aStreamIsTranslatedAndBilledFromItsLastUsage() throws Exception {
        relay.upstream.script(r -> MockUpstream.Stream.sse(List.of(
                "data: {\"Choices\":[{\"Delta\":{\"Role\":\"assistant\",\"Content\":\"你\"},\"FinishReason\":\"\"}],"
                        + "\"Usage\":{\"PromptTokens\":3,\"CompletionTokens\":1,\"TotalTokens\":4}}\n\n",
                "data: {\"Choices\":[{\"Delta\":{\"Role\":\"assistant\",\"Content\":\"好\"},\"FinishReason\":\"stop\"}],"
                        + "\"Usage\":{\"PromptTokens\":3,\"CompletionTokens\":2,\"TotalTokens\":5}}\n\n")));

        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"hunyuan-lite\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("你好", ProviderRelay.streamedText(response.body()));
        assertTrue(response.body().endsWith("data: [DONE]\n\n"), response.body());
        MockUpstream.Received sent = relay.received();
        assertSigned(sent, "ChatCompletions");
        assertTrue(json(sent.bodyText()).path("Stream").asBoolean());
        LogEntry log = relay.onlyLog();
        assertEquals(3, log.promptTokens());
        assertEquals(2, log.completionTokens());
    }

    @Test
    void embeddingsUseGetEmbedding() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"Response\":{\"RequestId\":\"r\",\"Data\":[{\"Embedding\":"
                + "[0.125,0.5],\"Index\":0,\"Object\":\"embedding\"}],\"Usage\":{\"PromptTokens\":2,\"TotalTokens\":2}}}"));

        HttpResponse<String> response = relay.post("/v1/embeddings", "{\"model\":\"hunyuan-embedding\",\"input\":\"你好\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(0.125, json(response.body()).path("data").path(0).path("embedding").path(0).asDouble());
        MockUpstream.Received sent = relay.received();
        assertSigned(sent, "GetEmbedding");
        assertEquals("{\"InputList\":[\"你好\"]}", sent.bodyText());
        assertEquals(2, relay.onlyLog().promptTokens());
    }

    @Test
    void tencentsInBodyErrorBecomesTheClientsError() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"Response\":{\"Error\":{\"Code\":\"AuthFailure.SecretIdNotFound\","
                + "\"Message\":\"The SecretId is not found, please ensure that your SecretId is correct.\"},\"RequestId\":\"r\"}}"));

        HttpResponse<String> response = relay.post("/v1/chat/completions",
                "{\"model\":\"hunyuan-lite\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(401, response.statusCode(), response.body());
        assertTrue(json(response.body()).path("error").path("message").asText().startsWith("The SecretId is not found"),
                response.body());
    }
}
