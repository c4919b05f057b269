package io.oneapi.proxy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.plugin.openai.OpenAiAdapter;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin server's channel test, run by the proxy through the channel's adapter. */
class InternalEndpointsTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "a-shared-session-secret";

    @TempDir
    Path dir;
    MockUpstream upstream;
    TestGateway gateway;
    int channelId;

    @BeforeEach
    void start() {
        upstream = new MockUpstream();
        gateway = TestGateway.start(dir, Map.of("SESSION_SECRET", SECRET, "TEST_PROMPT", "Say your name."), Map.of(),
                List.of(new OpenAiAdapter()));
        channelId = gateway.channel(1, upstream.baseUrl(), "gpt-4o-mini,gpt-4o", "default", 0, 0,
                "{\"gpt-4o-mini\":\"gpt-4o-mini-2024-07-18\"}", "");
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private static String internalSecret() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal("internal".getBytes(StandardCharsets.UTF_8)));
    }

    private HttpResponse<String> call(String path, String secret) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(gateway.url(path)))
                .POST(HttpRequest.BodyPublishers.noBody());
        if (secret != null) {
            b.header("X-OneAPI-Internal", secret);
        }
        return gateway.http().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void refusesCallsWithoutTheDerivedSecret() throws Exception {
        assertEquals(401, call("/internal/channel/test/" + channelId, null).statusCode());
        assertEquals(401, call("/internal/channel/test/" + channelId, "0000").statusCode());
        assertEquals(0, upstream.requestCount());
    }

    @Test
    void testsAChannelWithTheTestPromptAndItsModelMapping() throws Exception {
        upstream.script(r -> new MockUpstream.Json(200,
                "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"gpt-4o-mini\"}}]}"));
        HttpResponse<String> response = call("/internal/channel/test/" + channelId + "?model=gpt-4o-mini",
                internalSecret());
        assertEquals(200, response.statusCode());
        JsonNode reply = JSON.readTree(response.body());
        assertTrue(reply.path("success").asBoolean(), response.body());
        assertEquals("gpt-4o-mini", reply.path("message").asText());
        assertEquals("gpt-4o-mini", reply.path("modelName").asText());
        JsonNode sent = JSON.readTree(upstream.received().get(0).bodyText());
        assertEquals("gpt-4o-mini-2024-07-18", sent.path("model").asText());
        assertEquals("Say your name.", sent.path("messages").get(0).path("content").asText());
    }

    @Test
    void aModelTheChannelDoesNotListFallsBackToItsFirstModel() throws Exception {
        upstream.script(r -> new MockUpstream.Json(200, "{\"choices\":[{\"message\":{\"content\":\"ok\"}}]}"));
        JsonNode reply = JSON.readTree(call("/internal/channel/test/" + channelId + "?model=other",
                internalSecret()).body());
        assertEquals("gpt-4o-mini", reply.path("modelName").asText());
    }

    @Test
    void reportsFailuresWithTheirKind() throws Exception {
        upstream.script(r -> new MockUpstream.Json(401,
                "{\"error\":{\"message\":\"Incorrect API key\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}"));
        JsonNode reply = JSON.readTree(call("/internal/channel/test/" + channelId, internalSecret()).body());
        assertFalse(reply.path("success").asBoolean());
        assertEquals("AUTH_FAILED", reply.path("errorKind").asText());
        JsonNode missing = JSON.readTree(call("/internal/channel/test/9999", internalSecret()).body());
        assertFalse(missing.path("success").asBoolean());
    }

    @Test
    void queriesAnOpenAiBalanceInTwoSteps() throws Exception {
        upstream.script(r -> r.uri().startsWith("/v1/dashboard/billing/subscription")
                ? new MockUpstream.Json(200, "{\"object\":\"billing_subscription\",\"has_payment_method\":true,"
                        + "\"hard_limit_usd\":120.0}")
                : new MockUpstream.Json(200, "{\"object\":\"list\",\"total_usage\":2050}"));
        JsonNode reply = JSON.readTree(call("/internal/channel/balance/" + channelId, internalSecret()).body());
        assertTrue(reply.path("success").asBoolean(), reply.toString());
        assertEquals(99.5, reply.path("balance").asDouble(), 1e-9);
        assertTrue(upstream.received().get(1).uri().startsWith("/v1/dashboard/billing/usage?start_date="));
        assertEquals("Bearer sk-upstream-secret", upstream.received().get(1).header("Authorization"));
    }

    @Test
    void aBalanceErrorIsReportedNotThrown() throws Exception {
        upstream.script(r -> new MockUpstream.Json(401, "{\"error\":{\"message\":\"bad key\"}}"));
        JsonNode reply = JSON.readTree(call("/internal/channel/balance/" + channelId, internalSecret()).body());
        assertFalse(reply.path("success").asBoolean());
        assertTrue(reply.path("message").asText().contains("401"), reply.toString());
    }
}
