package io.oneapi.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.admin.api.StoredModelCatalogue;
import io.oneapi.storage.PluginCatalogStore.PublishedPlugin;
import io.oneapi.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /api/models and /api/channel/models come from what the proxies published, without loading plugins here. */
class PluginCatalogRoutesTest {
    @TempDir
    Path dir;
    @TempDir
    Path other;

    @Test
    void listsThePublishedChannelTypesAndModels() {
        try (AdminFixture fx = AdminFixture.start(TestDatabases.Engine.SQLITE, dir, TestConfigs.Limits.GENEROUS,
                AdminEnvironment.defaults())) {
            fx.storage.pluginCatalog().publish(List.of(new PublishedPlugin("openai", "0.1.0",
                    "{\"id\":\"openai\",\"name\":\"OpenAI\",\"channelTypes\":[{\"type\":1,\"label\":\"OpenAI\","
                            + "\"defaultModels\":[\"gpt-4o\",\"gpt-4o-mini\"],\"ownedBy\":\"openai\"},{\"type\":25,"
                            + "\"label\":\"Moonshot AI\",\"defaultModels\":[\"moonshot-v1-8k\"],\"ownedBy\":\"moonshot\"}]}",
                    1)));
            StoredModelCatalogue catalogue = new StoredModelCatalogue(fx.storage.pluginCatalog());
            assertEquals(List.of("gpt-4o", "gpt-4o-mini"), catalogue.modelsByChannelType().get(1));
            assertEquals("moonshot", catalogue.allModels().get(2).ownedBy());
        }
        try (AdminFixture fx = AdminFixture.start(TestDatabases.Engine.SQLITE, other,
                TestConfigs.Limits.GENEROUS, AdminEnvironment.defaults())) {
            fx.storage.pluginCatalog().publish(List.of(new PublishedPlugin("openai", "0.1.0",
                    "{\"id\":\"openai\",\"channelTypes\":[{\"type\":1,\"label\":\"OpenAI\",\"defaultModels\":[\"gpt-4o\"]}]}",
                    1)));
            AdminServer server = AdminServer.start(TestConfigs.config(fx.database.settings(),
                    TestConfigs.Limits.GENEROUS), fx.storage);
            try {
                ApiClient root = ApiClient.to(server.port());
                root.login("root", "123456");
                ApiClient.Reply models = root.get("/api/models");
                assertTrue(models.success(), models.body().toString());
                assertEquals("[\"gpt-4o\"]", models.data().path("1").toString());
                ApiClient.Reply catalogue = root.get("/api/channel/models");
                assertEquals("gpt-4o", catalogue.data().get(0).path("id").asText());
                assertEquals("list", catalogue.body().path("object").asText(), "One API's {object, data} shape");
                assertEquals("model_permission",
                        catalogue.data().get(0).path("permission").get(0).path("object").asText());
            } finally {
                server.close();
            }
        }
    }
}
