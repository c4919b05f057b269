package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.ProviderRelay.events;
import static io.oneapi.proxy.providers.ProviderRelay.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.china.zhipu.ZhipuAdapter;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.ProviderChannel;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Zhipu end to end: glm models on the OpenAI-format v4 API (the stream passes through, usage read from it),
 * older models on v3 sse-invoke translated with the usage of its {@code meta:} line, a JWT signed from the
 * channel key on every call, and an account in arrears disabling the channel.
 */
class ZhipuRelayTest {
    static final String KEY = "7d0a1b2c.s3cretS3cret";

    @TempDir
    Path dir;
    ProviderRelay relay;

    private void start(String models) {
        relay = new ProviderRelay(dir, new ZhipuAdapter());
        relay.channel(16, relay.upstream.baseUrl(), models, "{}", KEY);
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    /** The Authorization header is a JWT over the key's id, signed with its secret. */
    private static void assertSignedJwt(String authorization) throws Exception {
        String[] jwt = authorization.split("\\.");
        assertEquals(3, jwt.length, authorization);
        JsonNode claims = json(new String(Base64.getUrlDecoder().decode(jwt[1]), StandardCharsets.UTF_8));
        assertEquals("7d0a1b2c", claims.path("api_key").asText());
        assertTrue(claims.path("exp").asLong() > System.currentTimeMillis(), "exp is in milliseconds, ahead");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("s3cretS3cret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        assertArrayEquals(mac.doFinal((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII)),
                Base64.getUrlDecoder().decode(jwt[2]));
    }

    @Test
    void aGlmStreamPassesThroughWithAJwtAndIsBilledFromItsUsageChunk() throws Exception {
        start("glm-4-flash");
        relay.upstream.script(r -> MockUpstream.Stream.sse(List.of(
                "data: {\"id\":\"8311\",\"created\":1,\"model\":\"glm-4-flash\",\"choices\":[{\"index\":0,"
                        + "\"delta\":{\"role\":\"assistant\",\"content\":\"你好\"}}]}\n\n",
                "data: {\"id\":\"8311\",\"created\":1,\"model\":\"glm-4-flash\",\"choices\":[{\"index\":0,"
                        + "\"finish_reason\":\"stop\",\"delta\":{\"role\":\"assistant\",\"content\":\"\"}}],"
                        + "\"usage\":{\"prompt_tokens\":8,\"completion_tokens\":2,\"total_tokens\":10}}\n\n",
                "data: [DONE]\n\n")));

        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"glm-4-flash\",\"stream\":true,"
                + "\"temperature\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"id\":\"8311\""), "Zhipu's own chunks reach the client: " + response.body());
        assertEquals("你好", ProviderRelay.streamedText(response.body()));
        MockUpstream.Received sent = relay.received();
        assertEquals("/api/paas/v4/chat/completions", sent.uri());
        assertSignedJwt(sent.header("Authorization"));
        assertEquals(1.0, json(sent.bodyText()).path("temperature").asDouble(), "clamped to 1");
        LogEntry log = relay.onlyLog();
        assertEquals(8, log.promptTokens());
        assertEquals(2, log.completionTokens());
    }

    @Test
    void anOlderModelStreamsThroughV3AndItsMetaLineCarriesTheUsage() throws Exception {
        start("chatglm_turbo");
        relay.upstream.script(r -> MockUpstream.Stream.sse(List.of(
                "event:add\nid:1\ndata:你好\n\n",
                "event:add\nid:2\ndata:！我是\ndata:助手\n\n",
                "event:finish\nid:3\ndata:\nmeta:{\"task_status\":\"SUCCESS\",\"usage\":{\"prompt_tokens\":6,"
                        + "\"completion_tokens\":5,\"total_tokens\":11},\"task_id\":\"3\",\"request_id\":\"3\"}\n\n")));

        HttpResponse<String> response = relay.post("/v1/chat/completions", "{\"model\":\"chatglm_turbo\","
                + "\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"你好\"}]}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("你好！我是\n助手", ProviderRelay.streamedText(response.body()));
        List<String> events = events(response.body());
        assertEquals("stop", json(events.get(events.size() - 2)).path("choices").path(0).path("finish_reason").asText());
        MockUpstream.Received sent = relay.received();
        assertEquals("/api/paas/v3/model-api/chatglm_turbo/sse-invoke", sent.uri());
        assertSignedJwt(sent.header("Authorization"));
        assertEquals("你好", json(sent.bodyText()).path("prompt").path(0).path("content").asText());
        LogEntry log = relay.onlyLog();
        assertEquals(6, log.promptTokens());
        assertEquals(5, log.completionTokens());
    }

    @Test
    void anAccountInArrearsDisablesTheChannel() throws Exception {
        try (MockUpstream zhipu = new MockUpstream();
             TestGateway gateway = TestGateway.start(dir, Map.of(), Map.of("AutomaticDisableChannelEnabled", "true"),
                     List.of(new ZhipuAdapter()))) {
            zhipu.script(r -> new MockUpstream.Json(429, "{\"error\":{\"code\":\"1113\","
                    + "\"message\":\"您的账户已欠费，请充值后重试。\"}}"));
            String token = gateway.token(gateway.user("bob", 1_000_000, "default", 1), 100_000, false);
            long now = System.currentTimeMillis() / 1000;
            int id = gateway.storage().channels().insert(new ProviderChannel(0, 16, KEY, 1, "zhipu", 0, now, 0, 0,
                    zhipu.baseUrl(), "", 0, 0, "glm-4", "default", 0, "", 0, "{}", ""));

            HttpResponse<String> response = gateway.post("/v1/chat/completions", token,
                    "{\"model\":\"glm-4\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}");

            assertTrue(json(response.body()).path("error").path("message").asText().contains("您的账户已欠费"),
                    response.body());
            long deadline = System.currentTimeMillis() + 5_000;
            int status = -1;
            while (System.currentTimeMillis() < deadline && status != ProviderChannel.STATUS_AUTO_DISABLED) {
                status = gateway.storage().channels().findById(id).orElseThrow().status();
                Thread.onSpinWait();
            }
            assertEquals(ProviderChannel.STATUS_AUTO_DISABLED, status);
        }
    }

    @Test
    void cogViewImagesGoToV4AsTheyAre() throws Exception {
        start("cogview-3");
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"created\":1703485556,\"data\":[{\"url\":"
                + "\"https://aigc-files.bigmodel.cn/api/cogview/1.png\"}]}"));

        HttpResponse<String> response = relay.post("/v1/images/generations",
                "{\"model\":\"cogview-3\",\"prompt\":\"a cat\",\"user\":\"u1\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("https://aigc-files.bigmodel.cn/api/cogview/1.png",
                json(response.body()).path("data").path(0).path("url").asText());
        MockUpstream.Received sent = relay.received();
        assertEquals("/api/paas/v4/images/generations", sent.uri());
        assertEquals("{\"model\":\"cogview-3\",\"prompt\":\"a cat\",\"user_id\":\"u1\"}", sent.bodyText());
    }
}
