package io.oneapi.proxy.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.Header;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.UpstreamRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pf4j.PluginClassLoader;

/** Loads the openai plugin jar this build packaged, through PF4J, exactly as the proxy does at start-up. */
class BuiltOpenAiPluginTest {
    private static final String CHAT = "{\"model\":\"gpt-3.5-turbo\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void servesEveryOpenAiFamilyTypeFromItsOwnClassLoader() {
        try (PluginRegistry registry = PluginRegistry.load(BuiltPlugins.folder())) {
            LoadedAdapter openai = registry.adapters().stream().filter(a -> a.pluginId().equals("openai"))
                    .findFirst().orElseThrow();
            assertEquals("0.1.0", openai.pluginVersion());
            assertInstanceOf(PluginClassLoader.class, openai.adapter().getClass().getClassLoader(),
                    "the adapter must come from the plugin jar, not the test class path");
            for (int type : List.of(1, 2, 3, 19, 20, 25, 26, 27, 36, 40, 43, 47, 48, 49, 50, 51)) {
                assertSame(openai.adapter(), registry.adapterFor(type).orElseThrow(), "type " + type);
            }
            assertEquals("https://api.openai.com", registry.defaultBaseUrl(1));
            assertEquals("", registry.defaultBaseUrl(3));
        }
    }

    @Test
    void translatesAzureRequestsAcrossThePluginBoundary() {
        try (PluginRegistry registry = PluginRegistry.load(BuiltPlugins.folder())) {
            ProviderAdapter azure = registry.adapterFor(3).orElseThrow();
            ChannelInfo channel = new ChannelInfo(8, 3, "azure", "azure-key", "https://contoso.openai.azure.com",
                    Map.of("api_version", "2024-06-01"), "");
            ExchangeContext context = new ExchangeContext(channel, RelayMode.CHAT_COMPLETIONS, "/v1/chat/completions",
                    "", "gpt-3.5-turbo", "gpt-3.5-turbo", false, "", false);
            var exchange = azure.newExchange(context);
            UpstreamRequest upstream = exchange.translateRequest(new JsonClientRequest("/v1/chat/completions", CHAT));
            assertEquals("https://contoso.openai.azure.com/openai/deployments/gpt-35-turbo/chat/completions"
                    + "?api-version=2024-06-01", upstream.url());
            assertTrue(upstream.headers().contains(new Header("api-key", "azure-key")));
            assertTrue(upstream.forwardsClientBody());
            assertEquals(StreamMode.PASSTHROUGH, exchange.streamMode());
        }
    }

    @Test
    void buildsTheModelCatalogueFromDefaultLists() {
        try (PluginRegistry registry = PluginRegistry.load(BuiltPlugins.folder())) {
            ModelCatalogue models = registry.models();
            assertEquals("openai", models.find("gpt-4o").orElseThrow().ownedBy());
            assertEquals("moonshot", models.find("moonshot-v1-8k").orElseThrow().ownedBy());
            assertEquals("openrouter", models.find("openrouter/auto").orElseThrow().ownedBy());
            assertEquals("together.ai", models.find("Qwen/Qwen1.5-72B-Chat").orElseThrow().ownedBy());
            assertTrue(models.find("no-such-model").isEmpty());
        }
    }

    @Test
    void loadReadsTheFolderFromTheSystemProperty() {
        BuiltPlugins.folder();
        try (PluginRegistry registry = PluginRegistry.load()) {
            assertTrue(registry.adapterFor(1).isPresent());
        }
    }
}
