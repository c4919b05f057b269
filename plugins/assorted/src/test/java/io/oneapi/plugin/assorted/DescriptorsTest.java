package io.oneapi.plugin.assorted;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.plugin.assorted.aiproxy.AiProxyLibraryAdapter;
import io.oneapi.plugin.assorted.cloudflare.CloudflareAdapter;
import io.oneapi.plugin.assorted.cohere.CohereAdapter;
import io.oneapi.plugin.assorted.coze.CozeAdapter;
import io.oneapi.plugin.assorted.deepl.DeepLAdapter;
import io.oneapi.plugin.assorted.ollama.OllamaAdapter;
import io.oneapi.spi.ChannelTypeInfo;
import io.oneapi.spi.ProviderAdapter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Channel types, labels, base URLs, default models and settings as One API has them (inventory 4.2, 4.5). */
class DescriptorsTest {
    private static final List<ProviderAdapter> ADAPTERS = List.of(new AiProxyLibraryAdapter(), new OllamaAdapter(),
            new CozeAdapter(), new CohereAdapter(), new CloudflareAdapter(), new DeepLAdapter());

    private static ChannelTypeInfo type(ProviderAdapter adapter) {
        List<ChannelTypeInfo> types = adapter.descriptor().channelTypes();
        assertEquals(1, types.size(), adapter.descriptor().id());
        return types.get(0);
    }

    @Test
    void eachAdapterServesOneTypeWithOneApisLabelAndBaseUrl() {
        List<String> rows = ADAPTERS.stream().map(DescriptorsTest::type)
                .map(t -> t.type() + " " + t.label() + " " + t.defaultBaseUrl() + " " + t.ownedBy()).toList();
        assertEquals(List.of(
                "21 知识库：AI Proxy https://api.aiproxy.io aiproxy",
                "30 Ollama http://localhost:11434 ollama",
                "34 Coze https://api.coze.com coze",
                "35 Cohere https://api.cohere.ai Cohere",
                "37 Cloudflare https://api.cloudflare.com cloudflare",
                "38 DeepL https://api-free.deepl.com deepl"), rows);
    }

    @Test
    void defaultModelsFollowOneApi() {
        assertEquals(List.of("codellama:7b-instruct", "llama2:7b", "llama2:latest", "llama3:latest", "phi3:latest",
                "qwen:0.5b-chat", "qwen:7b"), type(new OllamaAdapter()).defaultModels());
        List<String> cohere = type(new CohereAdapter()).defaultModels();
        assertEquals(12, cohere.size());
        assertTrue(cohere.containsAll(List.of("command-r", "command-r-plus-internet",
                "command-light-nightly-internet")));
        assertEquals(List.of("deepl-zh", "deepl-en", "deepl-ja"), type(new DeepLAdapter()).defaultModels());
        assertEquals(List.of(), type(new CozeAdapter()).defaultModels(), "bot ids are the operator's");
        List<String> cloudflare = type(new CloudflareAdapter()).defaultModels();
        assertEquals(32, cloudflare.size());
        assertTrue(cloudflare.stream().allMatch(m -> m.startsWith("@cf/") || m.startsWith("@hf/")),
                cloudflare.toString());
        assertTrue(type(new AiProxyLibraryAdapter()).defaultModels().containsAll(List.of("gpt-3.5-turbo", "gpt-4o")));
        for (ProviderAdapter adapter : ADAPTERS) {
            List<String> models = type(adapter).defaultModels();
            assertEquals(models.size(), models.stream().distinct().count(), adapter.descriptor().id());
        }
    }

    @Test
    void settingsNameTheChannelConfigKeysTheTypesRead() {
        assertEquals(List.of("user_id"), type(new CloudflareAdapter()).settings(), "the account id");
        assertEquals(List.of("user_id", "api_version"), type(new CozeAdapter()).settings(), "v2 or v3");
        assertEquals(List.of("library_id"), type(new AiProxyLibraryAdapter()).settings());
        assertEquals(List.of(), type(new OllamaAdapter()).settings());
        assertEquals(List.of(), type(new CohereAdapter()).settings());
        assertEquals(List.of(), type(new DeepLAdapter()).settings());
    }

    @Test
    void theAnnotationProcessorIndexedEveryAdapter() throws IOException {
        List<String> indexed = new ArrayList<>();
        Enumeration<URL> indexes = OllamaAdapter.class.getClassLoader().getResources("META-INF/extensions.idx");
        while (indexes.hasMoreElements()) {
            try (InputStream index = indexes.nextElement().openStream()) {
                new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().forEach(indexed::add);
            }
        }
        for (ProviderAdapter adapter : ADAPTERS) {
            assertTrue(indexed.contains(adapter.getClass().getName()), indexed.toString());
        }
    }
}
