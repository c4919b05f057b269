package io.oneapi.plugin.gemini;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.testing.FixtureClientRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoogleAdapterTest {
    private final GoogleAdapter adapter = new GoogleAdapter();

    private static ExchangeContext context(int type, RelayMode mode, String model) {
        Map<String, String> config = type == GoogleChannelTypes.VERTEX_AI ? Map.of("region", "us-central1",
                "vertex_ai_project_id", "p", "vertex_ai_adc",
                "{\"type\":\"service_account\",\"client_email\":\"a@b\",\"private_key\":\"k\"}") : Map.of();
        return new ExchangeContext(new ChannelInfo(1, type, "c", "key", "", config, ""), mode, "/v1/x", "", model,
                model, false, "", false);
    }

    @Test
    void describesPalmGeminiAndVertex() {
        List<ChannelTypeInfo> types = adapter.descriptor().channelTypes();
        assertEquals(List.of(11, 24, 42), types.stream().map(ChannelTypeInfo::type).toList());
        assertEquals("gemini", adapter.descriptor().id());
        assertEquals(List.of("PaLM-2"), types.get(0).defaultModels());
        assertTrue(types.get(1).defaultModels().containsAll(List.of("gemini-1.5-flash", "text-embedding-004")));
        assertEquals(List.of("api_version"), types.get(1).settings());
        assertEquals(List.of("region", "vertex_ai_project_id", "vertex_ai_adc"), types.get(2).settings());
        assertEquals("", types.get(2).defaultBaseUrl(), "Vertex hosts are regional");
        assertEquals(VertexClaudeModels.DEFAULTS, types.get(2).defaultModels().subList(0, 11),
                "Claude on Vertex first, as One API lists it");
        assertTrue(types.get(2).defaultModels().containsAll(List.of("claude-3-5-sonnet-v2@20241022",
                "claude-3-haiku@20240307", "gemini-1.5-pro-002", "gemini-2.5-flash")));
    }

    @Test
    void vertexClaudeNames() {
        assertTrue(VertexClaudeModels.isClaude("claude-3-5-haiku@20241022"));
        assertTrue(VertexClaudeModels.isClaude("Claude-3-opus@20240229"));
        assertFalse(VertexClaudeModels.isClaude("gemini-1.5-pro"));
        assertEquals("claude-3-5-sonnet-v2@20241022", VertexClaudeModels.vertexName("claude-3-5-sonnet-20241022"));
        assertEquals("claude-3-5-sonnet@20240620", VertexClaudeModels.vertexName("claude-3-5-sonnet-20240620"));
        assertEquals("claude-3-5-sonnet-v2@20241022", VertexClaudeModels.vertexName("claude-3-5-sonnet-latest"));
        assertEquals("claude-opus-4-1@20250805", VertexClaudeModels.vertexName("claude-opus-4-1-20250805"));
        assertEquals("claude-3-haiku@20240307", VertexClaudeModels.vertexName("claude-3-haiku@20240307"));
        assertEquals("claude-sonnet-4-5", VertexClaudeModels.vertexName("claude-sonnet-4-5"), "undated: as it is");
        assertThrows(IllegalArgumentException.class, () -> VertexClaudeModels.vertexName("claude-3:rawPredict?x"));
    }

    @Test
    void picksTheExchangeByChannelTypeAndMode() {
        assertInstanceOf(OpenAiToPalmExchange.class, adapter.newExchange(context(11, RelayMode.CHAT_COMPLETIONS, "PaLM-2")));
        assertInstanceOf(OpenAiToGeminiExchange.class,
                adapter.newExchange(context(24, RelayMode.CHAT_COMPLETIONS, "gemini-pro")));
        assertInstanceOf(OpenAiToGeminiEmbeddingsExchange.class,
                adapter.newExchange(context(24, RelayMode.EMBEDDINGS, "text-embedding-004")));
        assertInstanceOf(OpenAiToVertexExchange.class,
                adapter.newExchange(context(42, RelayMode.CHAT_COMPLETIONS, "gemini-pro")));
        assertInstanceOf(OpenAiToVertexExchange.class,
                adapter.newExchange(context(42, RelayMode.CHAT_COMPLETIONS, "claude-3-5-haiku@20241022")));
        assertEquals(StreamMode.TRANSLATE, adapter.newExchange(context(24, RelayMode.CHAT_COMPLETIONS, "g")).streamMode());
    }

    @Test
    void asksTheCoreToFetchImagesForGeminiChatOnly() {
        assertTrue(adapter.needsInlineImages(context(24, RelayMode.CHAT_COMPLETIONS, "gemini-1.5-pro")));
        assertTrue(adapter.needsInlineImages(context(42, RelayMode.CHAT_COMPLETIONS, "gemini-1.5-pro")));
        assertTrue(adapter.needsInlineImages(context(42, RelayMode.CHAT_COMPLETIONS, "claude-3-haiku@20240307")));
        assertFalse(adapter.needsInlineImages(context(24, RelayMode.EMBEDDINGS, "text-embedding-004")));
        assertFalse(adapter.needsInlineImages(context(11, RelayMode.CHAT_COMPLETIONS, "PaLM-2")));
    }

    @Test
    void refusesMoreThanSixteenImagesInOneMessage() {
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            parts.append(i == 0 ? "" : ",").append("{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AA==\"}}");
        }
        FixtureClientRequest request = FixtureClientRequest.chat(
                "{\"messages\":[{\"role\":\"user\",\"content\":[" + parts + "]}]}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                adapter.newExchange(context(24, RelayMode.CHAT_COMPLETIONS, "gemini-1.5-pro")).translateRequest(request));
        assertEquals("Gemini accepts at most 16 images per message", e.getMessage());
    }

    @Test
    void modelNameRules() {
        assertEquals("gemini-1.5-pro", GeminiModels.pathSegment("models/gemini-1.5-pro"));
        assertThrows(IllegalArgumentException.class, () -> GeminiModels.pathSegment("gemini:streamGenerateContent"));
        assertThrows(IllegalArgumentException.class, () -> GeminiModels.pathSegment("gemini%2F..%2F"));
        assertTrue(GeminiModels.firstGeneration("gemini-pro"));
        assertTrue(GeminiModels.firstGeneration("gemini-1.0-pro-001"));
        assertFalse(GeminiModels.firstGeneration("gemini-1.5-pro"));
        assertTrue(GeminiModels.requiresThoughtSignatures("gemini-3-pro-preview"));
        assertTrue(GeminiModels.requiresThoughtSignatures("gemini-3.1-flash"));
        assertTrue(GeminiModels.requiresThoughtSignatures("gemini-10-ultra"));
        assertFalse(GeminiModels.requiresThoughtSignatures("gemini-2.5-pro"));
        assertFalse(GeminiModels.requiresThoughtSignatures("gemini-exp-1206"));
        assertFalse(GeminiModels.requiresThoughtSignatures("gemini-99999999999"));
    }
}
