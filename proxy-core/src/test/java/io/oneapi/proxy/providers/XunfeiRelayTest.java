package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.ProviderRelay.events;
import static io.oneapi.proxy.providers.ProviderRelay.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.plugin.china.xunfei.XunfeiAdapter;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.ProviderChannel;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * iFlytek Spark v1 end to end over a WebSocket the core opens: the signed URL, the first message, the
 * upstream's messages as a stream or one answer, billed with the usage of the last message; a refused
 * handshake classified like an HTTP error; a socket closed before the last message.
 */
class XunfeiRelayTest {
    static final String SECRET = "spark-secret";
    static final List<String> ANSWER = List.of(
            "{\"header\":{\"code\":0,\"message\":\"Success\",\"sid\":\"cht1\",\"status\":0},\"payload\":{\"choices\":"
                    + "{\"status\":0,\"seq\":0,\"text\":[{\"content\":\"你好，\",\"role\":\"assistant\",\"index\":0}]}}}",
            "{\"header\":{\"code\":0,\"message\":\"Success\",\"sid\":\"cht1\",\"status\":2},\"payload\":{\"choices\":"
                    + "{\"status\":2,\"seq\":1,\"text\":[{\"content\":\"我是星火\",\"role\":\"assistant\",\"index\":0}]},"
                    + "\"usage\":{\"text\":{\"question_tokens\":4,\"prompt_tokens\":5,\"completion_tokens\":9,"
                    + "\"total_tokens\":14}}}}");

    @TempDir
    Path dir;
    ProviderRelay relay;
    SparkUpstream spark;

    @BeforeEach
    void start() {
        spark = new SparkUpstream();
        relay = new ProviderRelay(dir, new XunfeiAdapter());
        relay.channel(18, spark.baseUrl(), "Spark-Lite", "{}", "app-1|" + SECRET + "|spark-key");
    }

    @AfterEach
    void stop() {
        relay.close();
        spark.close();
    }

    private HttpResponse<String> ask(boolean stream) throws Exception {
        return relay.post("/v1/chat/completions", "{\"model\":\"Spark-Lite\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"你好\"}]}");
    }

    @Test
    void aStreamOverTheSignedWebSocketIsTranslatedAndBilled() throws Exception {
        spark.answer(ANSWER, false);

        HttpResponse<String> response = ask(true);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("你好，我是星火", ProviderRelay.streamedText(response.body()));
        List<String> events = events(response.body());
        assertEquals("stop", json(events.get(events.size() - 2)).path("choices").path(0).path("finish_reason").asText());
        assertEquals("[DONE]", events.get(events.size() - 1));

        SparkUpstream.Opened opened = spark.opened().get(0);
        assertTrue(opened.uri().startsWith("/v1.1/chat?authorization="), opened.uri());
        Map<String, String> query = query(opened.uri());
        assertEquals(opened.host(), query.get("host"));
        String signed = "host: " + query.get("host") + "\ndate: " + query.get("date") + "\nGET /v1.1/chat HTTP/1.1";
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String signature = Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        assertEquals("api_key=\"spark-key\", algorithm=\"hmac-sha256\", headers=\"host date request-line\", signature=\""
                + signature + "\"", new String(Base64.getDecoder().decode(query.get("authorization")), StandardCharsets.UTF_8));
        JsonNode first = json(opened.firstMessage());
        assertEquals("app-1", first.path("header").path("app_id").asText());
        assertEquals("lite", first.path("parameter").path("chat").path("domain").asText());
        assertEquals("你好", first.path("payload").path("message").path("text").path(0).path("content").asText());

        LogEntry log = relay.onlyLog();
        assertEquals(5, log.promptTokens());
        assertEquals(9, log.completionTokens());
        assertTrue(log.isStream());
        relay.assertCharged(log);
    }

    @Test
    void aUnaryRequestGetsOneAnswerFromAllMessages() throws Exception {
        spark.answer(ANSWER, false);

        HttpResponse<String> response = ask(false);

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("你好，我是星火", json(response.body()).path("choices").path(0).path("message").path("content").asText());
        assertEquals(14, json(response.body()).path("usage").path("total_tokens").asInt());
        assertEquals(5, relay.onlyLog().promptTokens());
    }

    @Test
    void aRefusedHandshakeIsAnAuthenticationFailure() throws Exception {
        spark.refuse(401, "{\"message\":\"HMAC signature cannot be verified\"}");

        HttpResponse<String> response = ask(false);

        assertEquals(401, response.statusCode(), response.body());
        assertTrue(json(response.body()).path("error").path("message").asText()
                .startsWith("HMAC signature cannot be verified"), response.body());
        assertEquals(0, spark.opened().size());
    }

    @Test
    void aSocketClosedBeforeTheLastMessageEndsTheStreamWithAnError() throws Exception {
        spark.answer(ANSWER, true);

        HttpResponse<String> response = ask(true);

        assertEquals(200, response.statusCode(), response.body());
        List<String> events = events(response.body());
        assertEquals("你好，", json(events.get(0)).path("choices").path(0).path("delta").path("content").asText());
        assertTrue(events.get(events.size() - 1).contains("\"error\""), response.body());
        assertFalse(events.contains("[DONE]"), "a cut answer must not look complete");
    }

    @Test
    void aSocketClosedBeforeTheLastMessageFailsAUnaryRequest() throws Exception {
        spark.answer(ANSWER, true);

        HttpResponse<String> response = ask(false);

        assertEquals(502, response.statusCode(), response.body());
    }

    @Test
    void theAdminChannelTestGoesOverTheWebSocketToo() throws Exception {
        spark.answer(ANSWER, false);
        String sessionSecret = "session-secret";
        try (TestGateway gateway = TestGateway.start(Files.createDirectories(dir.resolve("channel-test")),
                Map.of("SESSION_SECRET", sessionSecret),
                Map.of(), List.of(new XunfeiAdapter()))) {
            long now = System.currentTimeMillis() / 1000;
            int id = gateway.storage().channels().insert(new ProviderChannel(0, 18, "app-1|" + SECRET + "|spark-key", 1,
                    "spark", 0, now, 0, 0, spark.baseUrl(), "", 0, 0, "Spark-Lite", "default", 0, "", 0, "{}", ""));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sessionSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            HttpResponse<String> response = gateway.http().send(HttpRequest.newBuilder(URI.create(gateway.url(
                    "/internal/channel/test/" + id))).POST(HttpRequest.BodyPublishers.noBody())
                    .header("X-OneAPI-Internal", HexFormat.of().formatHex(mac.doFinal(
                            "internal".getBytes(StandardCharsets.UTF_8)))).build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(200, response.statusCode(), response.body());
            JsonNode outcome = json(response.body());
            assertTrue(outcome.path("success").asBoolean(), response.body());
            assertEquals("你好，我是星火", outcome.path("message").asText());
        }
    }

    private static Map<String, String> query(String uri) {
        Map<String, String> values = new HashMap<>();
        for (String pair : uri.substring(uri.indexOf('?') + 1).split("&")) {
            int eq = pair.indexOf('=');
            values.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return values;
    }
}
