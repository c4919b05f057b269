package io.oneapi.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Embeddings, images and audio through the relay, billed as One API bills them. */
class RelayEndpointsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    MockUpstream upstream;
    TestGateway gateway;
    String key;

    @BeforeEach
    void start() {
        upstream = new MockUpstream();
        gateway = TestGateway.start(dir);
        int userId = gateway.user("erin", 1_000_000_000L, "default", 1);
        key = gateway.token(userId, 0, true);
        gateway.channel(upstream.baseUrl(),
                "text-embedding-3-small,dall-e-3,tts-1,whisper-1,text-moderation-stable", 0, 0);
    }

    @AfterEach
    void stop() {
        gateway.close();
        upstream.close();
    }

    private List<LogEntry> logs() {
        gateway.stopProxy();
        return gateway.storage().logs().find(LogStore.LogFilter.any(), 0, 10);
    }

    @Test
    void embeddingsViaBothRoutes() throws Exception {
        String answer = "{\"object\":\"list\",\"data\":[{\"object\":\"embedding\",\"index\":0,\"embedding\":[0.1,0.2]}],"
                + "\"model\":\"text-embedding-3-small\",\"usage\":{\"prompt_tokens\":8,\"total_tokens\":8}}";
        upstream.script(r -> new MockUpstream.Json(200, answer));
        HttpResponse<String> response = gateway.post("/v1/embeddings", key,
                "{\"model\":\"text-embedding-3-small\",\"input\":\"The food was delicious\"}");
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(answer, response.body());
        HttpResponse<String> engines = gateway.post("/v1/engines/text-embedding-3-small/embeddings", key,
                "{\"input\":\"hello\"}");
        assertEquals(200, engines.statusCode(), engines.body());
        assertEquals("/v1/engines/text-embedding-3-small/embeddings", upstream.received().get(1).uri());
        List<LogEntry> logs = logs();
        assertEquals(2, logs.size());
        assertEquals(8, logs.get(0).promptTokens());
    }

    @Test
    void imagesAreChargedPerImageAtTheSizeRatio() throws Exception {
        upstream.script(r -> new MockUpstream.Json(200,
                "{\"created\":1,\"data\":[{\"url\":\"https://example.invalid/a.png\"}]}"));
        HttpResponse<String> response = gateway.post("/v1/images/generations", key,
                "{\"model\":\"dall-e-3\",\"prompt\":\"a cat\",\"size\":\"1024x1792\",\"n\":1}");
        assertEquals(200, response.statusCode(), response.body());
        HttpResponse<String> badSize = gateway.post("/v1/images/generations", key,
                "{\"model\":\"dall-e-3\",\"prompt\":\"a cat\",\"size\":\"10x10\"}");
        assertEquals(400, badSize.statusCode());
        assertEquals("size_not_supported", JSON.readTree(badSize.body()).path("error").path("code").asText());
        List<LogEntry> logs = logs();
        assertEquals(1, logs.size());
        // dall-e-3 ratio 20 (= $0.04 x 500) x size ratio 2 x 1000 per image.
        assertEquals(40_000, logs.get(0).quota());
    }

    /** A name mapped by the channel is priced (and size-checked) as the model the channel is asked for. */
    @Test
    void aMappedImageModelIsPricedAsTheModelItMapsTo() throws Exception {
        gateway.channel(1, upstream.baseUrl(), "my-image", "default", 0, 0, "{\"my-image\":\"dall-e-3\"}", "");
        upstream.script(r -> new MockUpstream.Json(200,
                "{\"created\":1,\"data\":[{\"url\":\"https://example.invalid/a.png\"}]}"));
        HttpResponse<String> response = gateway.post("/v1/images/generations", key,
                "{\"model\":\"my-image\",\"prompt\":\"a cat\",\"size\":\"1024x1792\",\"n\":1}");
        assertEquals(200, response.statusCode(), response.body());
        assertTrue(upstream.received().get(0).bodyText().contains("\"dall-e-3\""));
        HttpResponse<String> badSize = gateway.post("/v1/images/generations", key,
                "{\"model\":\"my-image\",\"prompt\":\"a cat\",\"size\":\"10x10\"}");
        assertEquals(400, badSize.statusCode(), "dall-e-3's sizes apply");
        List<LogEntry> logs = logs();
        assertEquals(1, logs.size());
        assertEquals(40_000, logs.get(0).quota(), "dall-e-3 at 1024x1792, not the fallback ratio of 30");
    }

    @Test
    void speechIsForwardedAsAudioAndChargedByInputBytes() throws Exception {
        upstream.script(r -> new MockUpstream.Json(200, "ID3-fake-mp3-bytes",
                java.util.Map.of("Content-Type", "audio/mpeg")));
        HttpResponse<byte[]> response = gateway.http().send(HttpRequest.newBuilder(
                        URI.create(gateway.url("/v1/audio/speech")))
                .header("Authorization", "Bearer sk-" + key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"tts-1\",\"input\":\"hello\",\"voice\":\"alloy\"}"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, response.statusCode());
        assertEquals("audio/mpeg", response.headers().firstValue("Content-Type").orElse(""));
        assertArrayEquals("ID3-fake-mp3-bytes".getBytes(StandardCharsets.UTF_8), response.body());
        List<LogEntry> logs = logs();
        assertEquals(1, logs.size());
        assertTrue(logs.get(0).quota() > 0);
    }

    @Test
    void transcriptionUploadsGoByteForByteAndAreChargedByTranscriptTokens() throws Exception {
        upstream.script(r -> new MockUpstream.Json(200, "{\"text\":\"hello world\"}"));
        String boundary = "----oneapi7MA4YWxkTrZu0gW";
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.wav\"\r\n"
                + "Content-Type: audio/wav\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] audio = new byte[5000];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (byte) (i * 31);
        }
        body.write(audio);
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        byte[] sent = body.toByteArray();
        HttpResponse<String> response = gateway.http().send(HttpRequest.newBuilder(
                        URI.create(gateway.url("/v1/audio/transcriptions")))
                .header("Authorization", "Bearer sk-" + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(sent)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        MockUpstream.Received received = upstream.received().get(0);
        assertArrayEquals(sent, received.body(), "multipart forwarded byte for byte");
        assertTrue(received.header("Content-Type").contains(boundary));
        List<LogEntry> logs = logs();
        assertEquals(2, logs.get(0).quota(), "'hello world' is two tokens, no ratio applied (One API's rule)");
    }

    @Test
    void moderationsDefaultTheirModel() throws Exception {
        upstream.script(r -> new MockUpstream.Json(200, "{\"id\":\"modr\",\"results\":[{\"flagged\":false}]}"));
        HttpResponse<String> response = gateway.post("/v1/moderations", key, "{\"input\":\"hello\"}");
        assertEquals(200, response.statusCode(), response.body());
        List<LogEntry> logs = logs();
        assertEquals("text-moderation-stable", logs.get(0).modelName());
        assertTrue(logs.get(0).promptTokens() > 0, "counted locally: moderations carry no usage");
    }
}
