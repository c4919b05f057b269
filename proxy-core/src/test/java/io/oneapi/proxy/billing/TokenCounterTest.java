package io.oneapi.proxy.billing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.storage.options.Options;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TokenCounterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Loading the vocabularies takes a while: one counter for the whole class. */
    private static final TokenCounter EXACT = new TokenCounter(() -> Options.of(Map.of()));
    private final TokenCounter exact = EXACT;

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void countsTextWithTheModelsEncoding() {
        assertEquals(2, exact.countText("hello world", "gpt-3.5-turbo"));
        assertEquals(2, exact.countText("hello world", "gpt-4o"));
        assertEquals(6, exact.countText("你好，世界", "gpt-4"), "cl100k_base");
        assertEquals(3, exact.countText("你好，世界", "gpt-4o-mini"), "o200k_base");
        assertEquals(3, exact.countText("你好，世界", "o3-mini"));
        assertEquals(3, exact.countText("你好，世界", "openai/gpt-4.1"), "provider prefix ignored");
        assertEquals(6, exact.countText("你好，世界", "claude-3-opus-20240229"), "others use cl100k_base");
        assertEquals(0, exact.countText("", "gpt-4"));
        assertEquals(0, exact.countText(null, "gpt-4"));
        assertEquals(7, exact.countText("<|endoftext|>", "gpt-4"), "special tokens count as plain text, no error");
    }

    @Test
    void approximateCountIsCeilOf038PerUtf8Byte() {
        TokenCounter approximate = new TokenCounter(() -> Options.of(Map.of("ApproximateTokenEnabled", "true")));
        assertEquals(5, approximate.countText("hello world", "gpt-4")); // 11 bytes -> 4.18
        assertEquals(3, approximate.countText("你好", "gpt-4")); // 6 bytes -> 2.28
        assertEquals(2, approximate.countText("😀", "gpt-4")); // 4 bytes (surrogate pair) -> 1.52
        assertEquals(0, approximate.countText("", "gpt-4"));
    }

    @Test
    void chatPromptAsComputedByHand() throws Exception {
        JsonNode messages = json("""
                [{"role": "system", "content": "You are a helpful assistant."},
                 {"role": "user", "name": "bob", "content": "Hello, how are you?"}]""");
        // (3 + 6 content + 1 role) + (3 + 6 content + 1 role + 1 name + 1 "bob") + 3 priming
        assertEquals(25, exact.countChatPrompt(messages, "gpt-3.5-turbo"));
    }

    @Test
    void legacyTurbo0301CountsFourPerMessageAndNameMinusOne() throws Exception {
        JsonNode messages = json("[{\"role\": \"user\", \"name\": \"bob\", \"content\": \"Hello, how are you?\"}]");
        assertEquals(15, exact.countChatPrompt(messages, "gpt-3.5-turbo"));
        assertEquals(14, exact.countChatPrompt(messages, "gpt-3.5-turbo-0301"));
    }

    @Test
    void contentPartsAndOddShapes() throws Exception {
        JsonNode messages = json("""
                [{"role": "user", "content": [
                    {"type": "text", "text": "hello world"},
                    {"type": "image_url", "image_url": {"url": "https://example.com/a.png", "detail": "low"}},
                    {"type": "input_audio", "input_audio": {"data": "...", "format": "wav"}}]},
                 {"role": "assistant", "content": null},
                 {"role": "user", "content": 42}]""");
        // (3 + 2 + 85 + 1) + (3 + 1) + (3 + 1) + 3
        assertEquals(102, exact.countChatPrompt(messages, "gpt-4o"));
        assertEquals(0, exact.countChatPrompt(json("{}"), "gpt-4o"), "not an array");
        assertEquals(3, exact.countChatPrompt(json("[]"), "gpt-4o"));
    }

    @Test
    void imagePartsAreNeverDownloaded() throws Exception {
        String remote = "{\"type\": \"image_url\", \"image_url\": {\"url\": \"http://127.0.0.1:1/never-fetched.png\"}}";
        JsonNode messages = json("[{\"role\": \"user\", \"content\": [" + remote + "]}]");
        // fixed estimate: 4 tiles x 170 + 85 = 765
        assertEquals(3 + 765 + 1 + 3, exact.countChatPrompt(messages, "gpt-4o"));
        assertEquals(3 + 4 * 5667 + 2833 + 1 + 3, exact.countChatPrompt(messages, "gpt-4o-mini"));
        assertEquals(2833, ImageTokens.count(json("{\"url\": \"x\", \"detail\": \"low\"}"), "gpt-4o-mini"));
        assertEquals(765, ImageTokens.count(json("\"https://example.com/plain-string-form.png\""), "gpt-4o"));
    }

    @Test
    void inlineImagesAreMeasuredFromTheirHeader() throws Exception {
        String png = dataUrl("image/png", png(1, 1));
        assertEquals(170 + 85, ImageTokens.count(json("{\"url\": \"" + png + "\", \"detail\": \"high\"}"), "gpt-4o"));
        // OpenAI's documented example: 2048 x 4096 high detail -> 6 tiles -> 1105 tokens
        String jpeg = dataUrl("image/jpeg", jpeg(2048, 4096));
        assertEquals(1105, ImageTokens.count(json("{\"url\": \"" + jpeg + "\"}"), "gpt-4o"));
        assertEquals(new ImageDimensions(800, 600), ImageDimensions.of(gif(800, 600)));
        assertEquals(new ImageDimensions(1000, 2000), ImageDimensions.of(webpExtended(1000, 2000)));
        assertNull(ImageDimensions.ofDataUrl("data:image/png;base64,!!!not-base64!!!"));
        assertNull(ImageDimensions.ofDataUrl("data:text/plain,hello"));
        assertNull(ImageDimensions.of(new byte[] {1, 2, 3}));
        assertEquals(4, ImageTokens.tiles(1024, 1024));
        assertEquals(1, ImageTokens.tiles(512, 512));
    }

    @Test
    void completionsPromptShapes() throws Exception {
        assertEquals(2, exact.countCompletionsPrompt(json("\"hello world\""), "gpt-3.5-turbo-instruct"));
        assertEquals(2, exact.countCompletionsPrompt(json("[\"hello\", \" world\"]"), "gpt-3.5-turbo-instruct"));
        assertEquals(3, exact.countCompletionsPrompt(json("[15339, 1917, 0]"), "davinci-002"));
        assertEquals(3, exact.countCompletionsPrompt(json("[[1, 2], [3]]"), "davinci-002"));
        assertEquals(0, exact.countCompletionsPrompt(null, "x"));
        assertEquals(0, exact.countCompletionsPrompt(json("{\"a\": 1}"), "x"));
    }

    @Test
    void chatRequestAlsoCountsToolsAndToolCalls() throws Exception {
        JsonNode request = json("""
                {"model": "gpt-4o", "messages": [
                  {"role": "user", "content": "weather?"},
                  {"role": "assistant", "content": null, "tool_calls": [{"id": "c1", "type": "function",
                     "function": {"name": "get_weather", "arguments": "{\\"city\\": \\"Paris\\"}"}}]}],
                 "tools": [{"type": "function", "function": {"name": "get_weather",
                     "parameters": {"type": "object", "properties": {"city": {"type": "string"}}}}}]}""");
        int prompt = exact.countChatPrompt(request.path("messages"), "gpt-4o");
        int full = exact.countChatRequest(request, "gpt-4o");
        int extra = exact.countText(request.path("tools").toString(), "gpt-4o")
                + exact.countText(request.path("messages").get(1).path("tool_calls").toString(), "gpt-4o");
        assertEquals(prompt + extra, full);
        assertTrue(extra > 20, "tool definitions are not free");
        assertNotEquals(prompt, full);
    }

    private static String dataUrl(String type, byte[] bytes) {
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] png(int width, int height) {
        byte[] b = new byte[33];
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        System.arraycopy(head, 0, b, 0, head.length);
        putBe32(b, 16, width);
        putBe32(b, 20, height);
        return b;
    }

    private static byte[] jpeg(int width, int height) {
        // SOI, an APP0 segment of 16 bytes, then SOF0 with height and width
        byte[] b = new byte[2 + 18 + 19];
        b[0] = (byte) 0xFF;
        b[1] = (byte) 0xD8;
        b[2] = (byte) 0xFF;
        b[3] = (byte) 0xE0;
        b[5] = 16;
        int sof = 2 + 18;
        b[sof] = (byte) 0xFF;
        b[sof + 1] = (byte) 0xC0;
        b[sof + 3] = 17;
        b[sof + 4] = 8;
        b[sof + 5] = (byte) (height >> 8);
        b[sof + 6] = (byte) height;
        b[sof + 7] = (byte) (width >> 8);
        b[sof + 8] = (byte) width;
        return b;
    }

    private static byte[] gif(int width, int height) {
        byte[] b = {'G', 'I', 'F', '8', '9', 'a', (byte) width, (byte) (width >> 8), (byte) height,
                (byte) (height >> 8)};
        return b;
    }

    private static byte[] webpExtended(int width, int height) {
        byte[] b = new byte[30];
        System.arraycopy("RIFF".getBytes(), 0, b, 0, 4);
        System.arraycopy("WEBPVP8X".getBytes(), 0, b, 8, 8);
        int w = width - 1;
        int h = height - 1;
        b[24] = (byte) w;
        b[25] = (byte) (w >> 8);
        b[26] = (byte) (w >> 16);
        b[27] = (byte) h;
        b[28] = (byte) (h >> 8);
        b[29] = (byte) (h >> 16);
        return b;
    }

    private static void putBe32(byte[] b, int at, int value) {
        b[at] = (byte) (value >> 24);
        b[at + 1] = (byte) (value >> 16);
        b[at + 2] = (byte) (value >> 8);
        b[at + 3] = (byte) value;
    }
}
