package io.oneapi.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PluginCatalogStoreTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void publishesAndReplacesPerPlugin(TestDatabases.Engine engine) {
        try (TestDatabase db = engine.create(dir); Storage storage = db.openStorage()) {
            PluginCatalogStore catalog = storage.pluginCatalog();
            catalog.publish(List.of(
                    new PluginCatalogStore.PublishedPlugin("openai", "0.1.0", "{\"id\":\"openai\"}", 1),
                    new PluginCatalogStore.PublishedPlugin("anthropic", "0.1.0", "{\"id\":\"anthropic\"}", 1)));
            catalog.publish(List.of(new PluginCatalogStore.PublishedPlugin("openai", "0.2.0", "{\"id\":\"openai\",\"v\":2}", 2)));
            List<PluginCatalogStore.PublishedPlugin> rows = catalog.list();
            assertEquals(List.of("anthropic", "openai"), rows.stream().map(PluginCatalogStore.PublishedPlugin::pluginId).toList());
            assertEquals("0.2.0", rows.get(1).pluginVersion());
            assertEquals("{\"id\":\"openai\",\"v\":2}", rows.get(1).descriptorJson());
        }
    }
}
