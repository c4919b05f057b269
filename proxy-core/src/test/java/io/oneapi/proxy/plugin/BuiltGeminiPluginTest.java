package io.oneapi.proxy.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oneapi.spi.AccessToken;
import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ErrorKind;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.NeedsCredential;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.RelayMode;
import io.oneapi.spi.TranslatedBody;
import io.oneapi.spi.UpstreamHeaders;
import io.oneapi.spi.UpstreamRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginClassLoader;

/**
 * The gemini plugin jar this build packaged serves Claude on Vertex AI with the anthropic plugin's
 * translation, borrowed through PF4J plugin dependencies ({@code Plugin-Dependencies: anthropic}) rather
 * than bundled: loaded from the real jars, as the proxy loads them.
 */
class BuiltGeminiPluginTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADC = "{\"type\":\"service_account\",\"project_id\":\"p\",\"client_email\":"
            + "\"relay@p.iam.gserviceaccount.com\",\"private_key\":\"not read for requests\"}";

    @TempDir
    Path folder;

    /** Copies built jars under new names, so that file order cannot be what puts a dependency first. */
    private void copy(String builtJar, String as) throws IOException {
        Path jar = BuiltPlugins.folder().resolve(builtJar);
        assertTrue(Files.isRegularFile(jar), jar + " is missing: package the plugins first");
        Files.copy(jar, folder.resolve(as));
    }

    private static ExchangeContext claudeOnVertex() {
        ChannelInfo channel = new ChannelInfo(4, 42, "vertex", "", "", Map.of("region", "us-east5",
                "vertex_ai_project_id", "proj", "vertex_ai_adc", ADC), "");
        return new ExchangeContext(channel, RelayMode.CHAT_COMPLETIONS, "/v1/chat/completions", "",
                "claude-3-5-haiku-20241022", "claude-3-5-haiku-20241022", false, "", false);
    }

    @Test
    void theAnthropicPluginStartsFirstWhateverTheFileNames() throws IOException {
        copy("gemini-0.1.0.jar", "a-gemini.jar");
        copy("anthropic-0.1.0.jar", "z-anthropic.jar");

        try (PluginRegistry registry = PluginRegistry.load(folder)) {
            assertEquals(List.of("anthropic", "gemini"), registry.pluginStartOrder());
            assertEquals(Map.of(14, "anthropic", 33, "anthropic", 11, "gemini", 24, "gemini", 42, "gemini"),
                    Map.of(14, pluginOf(registry, 14), 33, pluginOf(registry, 33), 11, pluginOf(registry, 11),
                            24, pluginOf(registry, 24), 42, pluginOf(registry, 42)));
            assertTrue(registry.models().find("claude-3-5-sonnet-v2@20241022").isPresent());
        }
    }

    @Test
    void geminiResolvesTheClaudeTranslationFromTheAnthropicPluginAndBundlesNoCopy() throws Exception {
        copy("anthropic-0.1.0.jar", "anthropic.jar");
        copy("gemini-0.1.0.jar", "gemini.jar");
        try (JarFile gemini = new JarFile(folder.resolve("gemini.jar").toFile())) {
            assertEquals(List.of(), gemini.stream().map(e -> e.getName())
                    .filter(name -> name.startsWith("io/oneapi/plugin/anthropic/")).toList());
        }

        try (PluginRegistry registry = PluginRegistry.load(folder)) {
            ClassLoader geminiLoader = registry.adapterFor(42).orElseThrow().getClass().getClassLoader();
            ClassLoader anthropicLoader = registry.adapterFor(14).orElseThrow().getClass().getClassLoader();
            assertInstanceOf(PluginClassLoader.class, geminiLoader);
            assertInstanceOf(PluginClassLoader.class, anthropicLoader);
            assertNotSame(geminiLoader, anthropicLoader);
            assertSame(anthropicLoader,
                    geminiLoader.loadClass("io.oneapi.plugin.anthropic.ClaudeTranslation").getClassLoader(),
                    "the gemini plugin sees the anthropic plugin's class, not a copy and not the test class path");
        }
    }

    @Test
    void claudeOnVertexTranslatesAcrossTheTwoPlugins() throws Exception {
        copy("anthropic-0.1.0.jar", "anthropic.jar");
        copy("gemini-0.1.0.jar", "gemini.jar");

        try (PluginRegistry registry = PluginRegistry.load(folder)) {
            ProviderAdapter google = registry.adapterFor(42).orElseThrow();
            ProviderExchange exchange = google.newExchange(claudeOnVertex());
            ((NeedsCredential) exchange).useCredential(new AccessToken("ya29.t", Duration.ofMinutes(5)));
            UpstreamRequest upstream = exchange.translateRequest(new JsonClientRequest("/v1/chat/completions",
                    "{\"model\":\"claude-3-5-haiku-20241022\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}"));
            assertEquals("https://us-east5-aiplatform.googleapis.com/v1/projects/proj/locations/us-east5/publishers/"
                    + "anthropic/models/claude-3-5-haiku@20241022:rawPredict", upstream.url());
            JsonNode body = JSON.readTree(upstream.body());
            assertEquals("vertex-2023-10-16", body.path("anthropic_version").asText());
            assertEquals("Hi", body.at("/messages/0/content/0/text").asText());

            TranslatedBody answer = exchange.translateBody(200, UpstreamHeaders.NONE, ("{\"id\":\"msg_vrtx_1\","
                    + "\"type\":\"message\",\"role\":\"assistant\","
                    + "\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}],"
                    + "\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":3,\"output_tokens\":1}}")
                    .getBytes(StandardCharsets.UTF_8));
            assertEquals("Hello", JSON.readTree(answer.body()).at("/choices/0/message/content").asText());
            assertEquals(4, answer.usage().totalTokens());
            assertEquals(ErrorKind.UNAVAILABLE, google.classifyError(529, UpstreamHeaders.NONE,
                    "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}"
                            .getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void withoutTheAnthropicJarTheGeminiPluginIsLeftOutAndTheOthersStillLoad() throws IOException {
        copy("gemini-0.1.0.jar", "gemini.jar");
        copy("openai-0.1.0.jar", "openai.jar");

        try (PluginRegistry registry = PluginRegistry.load(folder)) {
            assertEquals(List.of("openai"), registry.pluginStartOrder());
            assertTrue(registry.adapterFor(42).isEmpty(), "a required dependency is missing");
            assertTrue(registry.adapterFor(24).isEmpty());
            assertTrue(registry.adapterFor(1).isPresent());
        }
    }

    private static String pluginOf(PluginRegistry registry, int type) {
        ProviderAdapter adapter = registry.adapterFor(type).orElseThrow();
        return registry.adapters().stream().filter(a -> a.adapter() == adapter).findFirst().orElseThrow().pluginId();
    }
}
