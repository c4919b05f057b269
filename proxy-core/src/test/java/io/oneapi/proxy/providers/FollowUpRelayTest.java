package io.oneapi.proxy.providers;

import static io.oneapi.proxy.providers.ProviderRelay.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.FollowUp;
import io.oneapi.spi.FollowUps;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.spi.Usage;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's handling of multi-step exchanges ({@link FollowUps}) with a scripted adapter: the mock's answer
 * {@code {"next": path, "delay": ms}} asks for a follow-up GET, {@code {"done": text}} ends with a completion.
 */
class FollowUpRelayTest {
    static final int TYPE = 99;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    ProviderRelay relay;

    @BeforeEach
    void start() {
        relay = new ProviderRelay(dir, new StepsAdapter());
        relay.channel(TYPE, "steps-model", "{}");
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    private HttpResponse<String> ask() throws Exception {
        return relay.post("/v1/chat/completions", "{\"model\":\"steps-model\",\"messages\":[{\"role\":\"user\","
                + "\"content\":\"Hi\"}]}");
    }

    @Test
    void followUpsAreSentAfterTheirDelayAndTheLastAnswerIsTranslated() throws Exception {
        relay.upstream.script(r -> switch (r.uri()) {
            case "/start" -> new MockUpstream.Json(200, "{\"next\":\"/poll\",\"delay\":300}");
            case "/poll" -> new MockUpstream.Json(200, "{\"next\":\"/fetch\",\"delay\":0}");
            default -> new MockUpstream.Json(200, "{\"done\":\"finished\"}");
        });

        long start = System.nanoTime();
        HttpResponse<String> response = ask();
        long millis = (System.nanoTime() - start) / 1_000_000;

        assertEquals(200, response.statusCode(), response.body());
        assertEquals("finished", json(response.body()).path("choices").path(0).path("message").path("content").asText());
        assertTrue(millis >= 300, "the follow-up waited its delay: " + millis + " ms");
        List<MockUpstream.Received> calls = relay.upstream.received();
        assertEquals(List.of("POST /start", "GET /poll", "GET /fetch"),
                calls.stream().map(c -> c.method() + " " + c.uri()).toList());
        assertEquals(0, calls.get(1).body().length, "a follow-up never forwards the client's body");
        relay.assertCharged(relay.onlyLog());
    }

    @Test
    void anErrorAnswerToAFollowUpIsTheExchangesToReport() throws Exception {
        relay.upstream.script(r -> r.uri().equals("/start")
                ? new MockUpstream.Json(200, "{\"next\":\"/gone\",\"delay\":0}")
                : new MockUpstream.Json(404, "<html>not here</html>"));

        HttpResponse<String> response = ask();

        assertEquals(503, response.statusCode(), response.body());
        assertTrue(json(response.body()).path("error").path("message").asText()
                .startsWith("the follow-up answered 404"), response.body());
    }

    @Test
    void anExchangeThatNeverStopsIsCutOffAtTheBound() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"next\":\"/again\",\"delay\":0}"));

        HttpResponse<String> response = ask();

        assertEquals(502, response.statusCode(), response.body());
        assertEquals("bad_response", json(response.body()).path("error").path("code").asText());
        assertEquals(1 + FollowUps.MAX_FOLLOW_UPS, relay.upstream.requestCount());
    }

    @Test
    void anUnusableFollowUpUrlFailsTheAttempt() throws Exception {
        relay.upstream.script(r -> new MockUpstream.Json(200, "{\"url\":\"ftp://example.com/x\"}"));

        HttpResponse<String> response = ask();

        assertEquals(502, response.statusCode(), response.body());
        assertTrue(json(response.body()).path("error").path("message").asText().contains("follow-up URL"),
                response.body());
        assertEquals(1, relay.upstream.requestCount());
    }

    /** The scripted multi-step adapter. */
    static final class StepsAdapter implements ProviderAdapter {
        @Override
        public ProviderDescriptor descriptor() {
            return new ProviderDescriptor("steps", "Steps", List.of(new ChannelTypeInfo(TYPE, "Steps", "",
                    List.of("steps-model"))));
        }

        @Override
        public ProviderExchange newExchange(ExchangeContext context) {
            return new StepsExchange(context.channel().baseUrl());
        }
    }

    static final class StepsExchange implements ProviderExchange, FollowUps {
        private final String base;

        StepsExchange(String base) {
            this.base = base;
        }

        @Override
        public UpstreamRequest translateRequest(ClientRequest request) {
            return UpstreamRequest.builder("POST", base + "/start").header("Content-Type", "application/json")
                    .body("{}".getBytes(StandardCharsets.UTF_8)).build();
        }

        @Override
        public StreamMode streamMode() {
            return StreamMode.TRANSLATE;
        }

        @Override
        public FollowUp followUp(int status, UpstreamHeaders headers, byte[] body) {
            JsonNode answer = read(body);
            if (answer.has("url")) {
                return FollowUp.now(UpstreamRequest.builder("GET", answer.get("url").asText()).build());
            }
            if (status != 200 || !answer.has("next")) {
                return null;
            }
            return new FollowUp(UpstreamRequest.builder("GET", base + answer.get("next").asText()).build(),
                    Duration.ofMillis(answer.path("delay").asLong()));
        }

        @Override
        public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
            if (status != 200) {
                return new TranslatedBody(503, ("{\"error\":{\"message\":\"the follow-up answered " + status + "\"}}")
                        .getBytes(StandardCharsets.UTF_8), Usage.NONE);
            }
            String text = read(body).path("done").asText("");
            String completion = "{\"id\":\"c\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"
                    + "{\"role\":\"assistant\",\"content\":\"" + text + "\"},\"finish_reason\":\"stop\"}]}";
            return new TranslatedBody(200, completion.getBytes(StandardCharsets.UTF_8), Usage.of(3, 1));
        }

        private static JsonNode read(byte[] body) {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.missingNode();
            }
        }
    }
}
