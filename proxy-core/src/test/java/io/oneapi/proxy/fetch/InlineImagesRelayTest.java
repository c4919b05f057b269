package io.oneapi.proxy.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ClientRequest;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.NeedsInlineImages;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderDescriptor;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.UpstreamRequest;
import io.oneapi.storage.LogStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The core's inline-image step through a real proxy: an adapter that implements {@link NeedsInlineImages}
 * receives the fetched images through {@link ClientRequest#inlineImage}; a refused URL becomes a 400 before
 * any upstream call and costs the user nothing.
 */
class InlineImagesRelayTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int WANTS_IMAGES = 9001;
    private static final int NO_IMAGES_NEEDED = 9002;

    @TempDir
    Path dir;
    ImageServer images;
    MockUpstream upstream;
    TestGateway gateway;
    String key;
    int userId;

    @BeforeEach
    void start() {
        images = new ImageServer();
        upstream = new MockUpstream().script(r -> new MockUpstream.Json(200, "{\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":1,\"total_tokens\":4}}"));
        gateway = TestGateway.start(dir, Map.of(), Map.of(),
                List.of(new EchoImagesAdapter(WANTS_IMAGES, true), new EchoImagesAdapter(NO_IMAGES_NEEDED, false)),
                "", p -> p.allowingLoopbackForTests(images.port()));
        userId = gateway.user("alice", 10_000_000, "default", 1);
        key = gateway.token(userId, 1_000_000, false);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
        images.close();
    }

    private static String chat(String... urls) {
        ObjectNode request = JSON.createObjectNode().put("model", "vision-model");
        ArrayNode content = request.putArray("messages").addObject().put("role", "user").putArray("content");
        content.addObject().put("type", "text").put("text", "describe");
        for (String url : urls) {
            content.addObject().put("type", "image_url").putObject("image_url").put("url", url);
        }
        return request.toString();
    }

    @Test
    void fetchedImagesReachTheAdapter() throws Exception {
        gateway.channel(WANTS_IMAGES, upstream.baseUrl(), "vision-model", "default", 0, 0, "", "");
        images.serve("/cat.png", "image/png", ImageServer.PNG, false);
        HttpResponse<String> response = gateway.post("/v1/chat/completions", key,
                chat(images.url("/cat.png"), "data:image/png;base64,AAAA"));
        assertEquals(200, response.statusCode(), response.body());
        JsonNode seen = JSON.readTree(upstream.received().get(0).bodyText());
        assertEquals("image/png " + ImageServer.PNG.length, seen.path(images.url("/cat.png")).asText());
        assertEquals("none", seen.path("data:image/png;base64,AAAA").asText(), "data URLs are never fetched");
        assertEquals(1, images.hits("/cat.png"));
    }

    @Test
    void aRefusedImageIsA400BeforeTheUpstreamAndCostsNothing() throws Exception {
        gateway.channel(WANTS_IMAGES, upstream.baseUrl(), "vision-model", "default", 0, 0, "", "");
        HttpResponse<String> response = gateway.post("/v1/chat/completions", key,
                chat("http://169.254.169.254/latest/meta-data/iam/security-credentials/"));
        assertEquals(400, response.statusCode(), response.body());
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertEquals("image_fetch_failed", error.path("code").asText());
        assertEquals("invalid_request_error", error.path("type").asText());
        assertTrue(error.path("message").asText().contains("private, loopback or otherwise reserved address"),
                error.toString());
        assertEquals(0, upstream.requestCount());
        gateway.stopProxy();
        assertEquals(0, gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 10).size());
        assertEquals(1_000_000, gateway.tokenRow(key).remainQuota(), "the held quota was released");
    }

    @Test
    void adaptersThatDoNotNeedImagesTriggerNoFetch() throws Exception {
        gateway.channel(NO_IMAGES_NEEDED, upstream.baseUrl(), "vision-model", "default", 0, 0, "", "");
        images.serve("/cat.png", "image/png", ImageServer.PNG, false);
        HttpResponse<String> response = gateway.post("/v1/chat/completions", key, chat(images.url("/cat.png")));
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(0, images.hits("/cat.png"));
        assertEquals("none", JSON.readTree(upstream.received().get(0).bodyText()).path(images.url("/cat.png"))
                .asText());
    }

    /** Sends upstream, for every image URL of the request, what {@link ClientRequest#inlineImage} offers. */
    private record EchoImagesAdapter(int type, boolean wantsImages) implements ProviderAdapter, NeedsInlineImages {
        @Override
        public ProviderDescriptor descriptor() {
            return new ProviderDescriptor("echo-" + type, "Echo images",
                    List.of(new ChannelTypeInfo(type, "Echo " + type, "", List.of("vision-model"))));
        }

        @Override
        public boolean needsInlineImages(ExchangeContext context) {
            return wantsImages;
        }

        @Override
        public ProviderExchange newExchange(ExchangeContext context) {
            return new ProviderExchange() {
                @Override
                public UpstreamRequest translateRequest(ClientRequest request) {
                    ObjectNode seen = JSON.createObjectNode();
                    for (JsonNode part : request.json().path("messages").get(0).path("content")) {
                        String url = part.path("image_url").path("url").asText("");
                        if (!url.isEmpty()) {
                            seen.put(url, request.inlineImage(url)
                                    .map(i -> i.mediaType() + " " + i.data().length).orElse("none"));
                        }
                    }
                    return UpstreamRequest.builder("POST", context.channel().baseUrl() + "/echo")
                            .header("Content-Type", "application/json")
                            .body(seen.toString().getBytes(StandardCharsets.UTF_8)).build();
                }

                @Override
                public StreamMode streamMode() {
                    return StreamMode.PASSTHROUGH;
                }
            };
        }
    }
}
