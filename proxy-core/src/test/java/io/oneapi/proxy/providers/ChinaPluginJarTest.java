package io.oneapi.proxy.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.proxy.plugin.LoadedAdapter;
import io.oneapi.proxy.plugin.PluginRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.pf4j.PluginClassLoader;

/**
 * Loads the {@code china} plugin jar this build packaged, through PF4J as the proxy does: five adapters from
 * one jar, each serving its channel type, with their models in the catalogue.
 */
class ChinaPluginJarTest {

    @Test
    void servesItsFiveTypesFromThePluginsClassLoader() {
        Path folder = Path.of(System.getProperty(PluginRegistry.PLUGINS_DIR_PROPERTY, "missing"));
        assertTrue(Files.isRegularFile(folder.resolve("china-0.1.0.jar")),
                "the china plugin jar is missing from " + folder + ": package the plugins first (mvn verify)");
        try (PluginRegistry registry = PluginRegistry.load(folder)) {
            List<LoadedAdapter> china = registry.adapters().stream().filter(a -> a.pluginId().equals("china")).toList();
            assertEquals(Map.of("baidu", 15, "zhipu", 16, "ali", 17, "xunfei", 18, "tencent", 23), china.stream()
                    .collect(Collectors.toMap(a -> a.descriptor().id(), a -> a.descriptor().channelTypes().get(0).type())));
            for (LoadedAdapter loaded : china) {
                assertInstanceOf(PluginClassLoader.class, loaded.adapter().getClass().getClassLoader());
                int type = loaded.descriptor().channelTypes().get(0).type();
                assertEquals(loaded.adapter(), registry.adapterFor(type).orElseThrow());
            }
            assertEquals("https://aip.baidubce.com", registry.defaultBaseUrl(15));
            assertEquals("https://hunyuan.tencentcloudapi.com", registry.defaultBaseUrl(23));
            assertEquals("baidu", registry.models().find("ERNIE-Speed-128K").orElseThrow().ownedBy());
            assertEquals("ali", registry.models().find("qwen-max-longcontext").orElseThrow().ownedBy());
            assertEquals("zhipu", registry.models().find("glm-4v").orElseThrow().ownedBy());
            assertEquals("tencent", registry.models().find("hunyuan-embedding").orElseThrow().ownedBy());
            assertEquals("xunfei", registry.models().find("Spark-4.0-Ultra").orElseThrow().ownedBy());
        }
    }
}
