package io.oneapi.plugin.china.hunyuan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.plugin.china.common.Digests;
import io.oneapi.spi.testing.FixtureClientRequest;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.RelayMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * TC3-HMAC-SHA256 against Tencent's published worked example ({@code fixtures/hunyuan/tc3-vector.json}: the
 * CVM DescribeInstances request of the "签名方法 v3" page), step by step.
 */
class Tc3SignatureTest {
    private static JsonNode vector;
    private static Tc3Signature signature;
    private static byte[] payload;

    @BeforeAll
    static void load() throws Exception {
        vector = new ObjectMapper().readTree(Path.of("src/test/resources/fixtures/hunyuan/tc3-vector.json").toFile());
        signature = new Tc3Signature(vector.get("service").asText(), vector.get("host").asText(),
                vector.get("contentType").asText(), vector.get("action").asText(), vector.get("timestamp").asLong());
        payload = vector.get("payload").asText().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theCanonicalRequestAndItsHash() {
        assertEquals(vector.get("hashedRequestPayload").asText(), Digests.sha256Hex(payload));
        assertEquals(vector.get("canonicalRequest").asText(), signature.canonicalRequest(payload));
        assertEquals(vector.get("hashedCanonicalRequest").asText(),
                Digests.sha256Hex(signature.canonicalRequest(payload)));
    }

    @Test
    void theStringToSignWithItsUtcDateScope() {
        assertEquals(vector.get("credentialScope").asText(), signature.credentialScope());
        assertEquals(vector.get("stringToSign").asText(), signature.stringToSign(payload));
    }

    @Test
    void theSignatureAndAuthorizationOfTheExample() {
        assertEquals(vector.get("signature").asText(), signature.signature(vector.get("secretKey").asText(), payload));
        assertEquals(vector.get("authorization").asText(), signature.authorization(vector.get("secretId").asText(),
                vector.get("secretKey").asText(), payload));
    }

    @Test
    void theDateIsUtcNotLocal() {
        // 2019-02-25T23:59:59Z and a second later fall on two dates, whatever the JVM's zone.
        assertEquals("2019-02-25", new Tc3Signature("s", "h", "c", "a", 1551139199L).date());
        assertEquals("2019-02-26", new Tc3Signature("s", "h", "c", "a", 1551139200L).date());
    }

    @Test
    void theHostHeaderKeepsOnlyNonDefaultPorts() {
        assertEquals("hunyuan.tencentcloudapi.com", HunyuanRequests.hostHeader("https://hunyuan.tencentcloudapi.com"));
        assertEquals("127.0.0.1:8080", HunyuanRequests.hostHeader("http://127.0.0.1:8080"));
        assertEquals("example.com", HunyuanRequests.hostHeader("http://example.com:80"));
    }

    @Test
    void aKeyWithoutAppIdSecretIdAndSecretKeyIsRefused() {
        ChannelInfo channel = new ChannelInfo(1, 23, "t", "AKID|secret", "", Map.of(), "");
        OpenAiToHunyuanExchange exchange = new OpenAiToHunyuanExchange(new ExchangeContext(channel,
                RelayMode.CHAT_COMPLETIONS, "/v1/chat/completions", "", "hunyuan-lite", "hunyuan-lite", false, "",
                false), io.oneapi.plugin.china.testing.FixtureRunner.STAMP, () -> 1L);
        IllegalStateException error = assertThrows(IllegalStateException.class, () -> exchange.translateRequest(
                FixtureClientRequest.chat("{\"messages\":[]}")));
        assertEquals("the channel key must have the form AppId|SecretId|SecretKey", error.getMessage());
    }
}
