package io.oneapi.proxy.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.proxy.plugin.LoadedAdapter;
import io.oneapi.proxy.plugin.PluginRegistry;
import io.oneapi.spi.ProviderAdapter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pf4j.PluginClassLoader;

/**
 * Loads the {@code assorted} plugin jar this build packaged, through PF4J as the proxy does: six adapters
 * from one jar, each serving its channel type, and their models in the catalogue.
 */
class AssortedPluginJarTest {

    private static Path folder() {
        Path folder = Path.of(System.getProperty(PluginRegistry.PLUGINS_DIR_PROPERTY, "missing"));
        assertTrue(Files.isRegularFile(folder.resolve("assorted-0.1.0.jar")),
                "the assorted plugin jar is missing from " + folder + ": package the plugins first (mvn verify)");
        return folder;
    }

    @Test
    void servesItsSixTypesFromThePluginsClassLoader() {
        try (PluginRegistry registry = PluginRegistry.load(folder())) {
            List<LoadedAdapter> assorted = registry.adapters().stream()
                    .filter(a -> a.pluginId().equals("assorted")).toList();
            Map<String, ProviderAdapter> byId = assorted.stream()
                    .collect(Collectors.toMap(a -> a.descriptor().id(), LoadedAdapter::adapter));
            assertEquals(Map.of("aiproxy-library", 21, "ollama", 30, "coze", 34, "cohere", 35, "cloudflare", 37,
                    "deepl", 38), assorted.stream().collect(Collectors.toMap(a -> a.descriptor().id(),
                    a -> a.descriptor().channelTypes().get(0).type())));
            byId.forEach((id, adapter) -> {
                assertInstanceOf(PluginClassLoader.class, adapter.getClass().getClassLoader(), id);
                int type = adapter.descriptor().channelTypes().get(0).type();
                assertEquals(adapter, registry.adapterFor(type).orElseThrow(), id);
            });
            assertEquals("http://localhost:11434", registry.defaultBaseUrl(30));
            assertEquals("https://api-free.deepl.com", registry.defaultBaseUrl(38));
            assertEquals("deepl", registry.models().find("deepl-ja").orElseThrow().ownedBy());
            assertEquals("Cohere", registry.models().find("command-r-plus-internet").orElseThrow().ownedBy());
            assertEquals("cloudflare", registry.models().find("@cf/meta/llama-3-8b-instruct").orElseThrow().ownedBy());
            assertEquals("openai", registry.models().find("gpt-4o").orElseThrow().ownedBy(),
                    "the knowledge base lists OpenAI's models, which OpenAI's type owns");
        }
    }
}
