package io.oneapi.proxy.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.spi.Header;
import io.oneapi.spi.ProviderAdapter;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.UpstreamRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.PluginClassLoader;

/** A plugin jar built outside this build, compiled at test time and dropped into a plugin folder. */
class ExternalPluginTest {
    @TempDir
    Path temp;

    private Path pluginsFolder() throws IOException {
        return Files.createDirectories(temp.resolve("plugins"));
    }

    @Test
    void aVendorJarDroppedInTheFolderServesItsChannelType() throws IOException {
        Path plugins = pluginsFolder();
        VendorPluginJar.named("echo").writeTo(plugins, temp);
        try (PluginRegistry registry = PluginRegistry.load(plugins)) {
            ProviderAdapter adapter = registry.adapterFor(9001).orElseThrow();
            assertInstanceOf(PluginClassLoader.class, adapter.getClass().getClassLoader());
            assertEquals("1.0.0", registry.adapters().get(0).pluginVersion());
            assertEquals(List.of("region"), registry.channelType(9001).orElseThrow().settings());
            assertEquals("echo-vendor", registry.models().find("echo-2").orElseThrow().ownedBy());

            ProviderExchange exchange = adapter.newExchange(BuiltPlugins.chat(9001, "https://echo.example", "echo-1"));
            UpstreamRequest upstream = exchange.translateRequest(new JsonClientRequest("/v1/chat/completions", "{}"));
            assertEquals("https://echo.example/echo", upstream.url());
            assertEquals(List.of(new Header("X-Echo-Key", "sk-upstream")), upstream.headers());
            assertEquals(StreamMode.TRANSLATE, exchange.streamMode());
        }
    }

    @Test
    void aPluginRequiringAnotherSpiVersionIsNotLoaded() throws IOException {
        Path plugins = pluginsFolder();
        VendorPluginJar.named("future").requiring(">=0.2.0").writeTo(plugins, temp);
        VendorPluginJar.named("echo").servingType(9002, "echo-3", "echo-vendor").writeTo(plugins, temp);
        try (PluginRegistry registry = PluginRegistry.load(plugins)) {
            assertTrue(registry.adapterFor(9001).isEmpty(), "the incompatible plugin must stay disabled");
            assertTrue(registry.adapterFor(9002).isPresent());
        }
    }

    @Test
    void aBrokenPluginDoesNotStopTheOthers() throws IOException {
        Path plugins = pluginsFolder();
        VendorPluginJar.named("broken").withBrokenDescriptor().writeTo(plugins, temp);
        VendorPluginJar.named("echo").servingType(9003, "echo-4", "echo-vendor").writeTo(plugins, temp);
        Files.writeString(plugins.resolve("not-a-plugin.jar"), "this is not a zip file");
        try (PluginRegistry registry = PluginRegistry.load(plugins)) {
            assertEquals(List.of("echo"), registry.adapters().stream().map(LoadedAdapter::pluginId).toList());
            assertTrue(registry.adapterFor(9003).isPresent());
            assertTrue(registry.adapterFor(9001).isEmpty());
        }
    }

    @Test
    void dependenciesResolveInAnyOrderAndAMissingOneLeavesOnlyItsPluginOut() throws IOException {
        Path plugins = pluginsFolder();
        // "alpha" sorts before the "echo" it depends on; "orphan" depends on a plugin nobody ships.
        VendorPluginJar.named("alpha").servingType(9005, "alpha-1", "alpha-vendor").dependingOn("echo")
                .writeTo(plugins, temp);
        VendorPluginJar.named("orphan").dependingOn("no-such-plugin").writeTo(plugins, temp);
        VendorPluginJar.named("echo").servingType(9004, "echo-5", "echo-vendor").writeTo(plugins, temp);
        try (PluginRegistry registry = PluginRegistry.load(plugins)) {
            assertEquals(List.of("alpha", "echo"), registry.adapters().stream().map(LoadedAdapter::pluginId).toList());
            assertTrue(registry.adapterFor(9004).isPresent());
            assertTrue(registry.adapterFor(9005).isPresent());
            assertTrue(registry.adapterFor(9001).isEmpty());
        }
    }

    @Test
    void typeClashesGoToThePluginWhoseIdSortsFirst() throws IOException {
        Path plugins = pluginsFolder();
        Files.copy(BuiltPlugins.folder().resolve("openai-0.1.0.jar"), plugins.resolve("openai-0.1.0.jar"));
        VendorPluginJar.named("aaa").servingType(1, "aaa-model", "aaa-owner").writeTo(plugins, temp);
        VendorPluginJar.named("zzz").servingType(25, "zzz-model", "zzz-owner").writeTo(plugins, temp);
        try (PluginRegistry registry = PluginRegistry.load(plugins)) {
            assertEquals(List.of("aaa", "openai", "zzz"),
                    registry.adapters().stream().map(LoadedAdapter::pluginId).toList());
            assertEquals("aaa", registry.adapterFor(1).orElseThrow().descriptor().id());
            assertEquals("openai", registry.adapterFor(25).orElseThrow().descriptor().id());
            assertEquals("https://echo.example", registry.defaultBaseUrl(1));
            assertEquals("aaa-owner", registry.models().find("aaa-model").orElseThrow().ownedBy());
            assertTrue(registry.models().find("zzz-model").isEmpty());
        }
    }
}
