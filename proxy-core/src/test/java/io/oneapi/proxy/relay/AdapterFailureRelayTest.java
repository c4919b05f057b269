package io.oneapi.proxy.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.EventSink;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.SseEvent;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A provider plugin that throws on the upstream's answer must not leave the client waiting. */
class AdapterFailureRelayTest {
    private static final int BROKEN = 9101;

    @TempDir
    Path dir;
    MockUpstream upstream;
    TestGateway gateway;
    String key;

    @BeforeEach
    void start() {
        upstream = new MockUpstream();
        gateway = TestGateway.start(dir, Map.of(), Map.of(), List.of(new BrokenAdapter()));
        int user = gateway.user("alice", 10_000_000, "default", 1);
        key = gateway.token(user, 1_000_000, false);
        gateway.channel(BROKEN, upstream.baseUrl(), "broken-model", "default", 0, 0, "", "");
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    @Test
    void aThrowingBodyTranslationIsA502() throws Exception {
        upstream.script(r -> new MockUpstream.Json(200, "{\"anything\":true}"));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", key,
                "{\"model\":\"broken-model\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(502, response.statusCode(), response.body());
        assertTrue(response.body().contains("\"bad_response\""), response.body());
        assertEquals(1, upstream.requestCount());
    }

    @Test
    void aThrowingEventTranslationEndsTheStreamWithAnError() throws Exception {
        upstream.script(r -> MockUpstream.Stream.sse(List.of("data: {\"a\":1}\n\n", "data: {\"a\":2}\n\n",
                "data: [DONE]\n\n")));
        HttpResponse<String> response = gateway.post("/v1/chat/completions", key,
                "{\"model\":\"broken-model\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, response.statusCode());
        assertTrue(response.body().contains("\"bad_response\""), response.body());
        assertTrue(!response.body().contains("[DONE]"), "a cut answer must not look complete: " + response.body());
    }

    /** Translates nothing: every answer makes it throw, as a plugin bug would. */
    private static final class BrokenAdapter implements ProviderAdapter {
        @Override
        public ProviderDescriptor descriptor() {
            return new ProviderDescriptor("broken", "Broken",
                    List.of(new ChannelTypeInfo(BROKEN, "Broken", "", List.of("broken-model"))));
        }

        @Override
        public ProviderExchange newExchange(ExchangeContext context) {
            return new ProviderExchange() {
                @Override
                public UpstreamRequest translateRequest(ClientRequest request) {
                    return UpstreamRequest.builder("POST", context.channel().baseUrl() + "/v1/chat/completions")
                            .header("Content-Type", "application/json").body(request.bodyBytes()).build();
                }

                @Override
                public StreamMode streamMode() {
                    return StreamMode.TRANSLATE;
                }

                @Override
                public TranslatedBody translateBody(int status, UpstreamHeaders headers, byte[] body) {
                    throw new IllegalStateException("plugin bug: cannot read " + body.length + " bytes");
                }

                @Override
                public void onEvent(SseEvent event, EventSink sink) {
                    throw new IllegalStateException("plugin bug on an event");
                }
            };
        }
    }
}
