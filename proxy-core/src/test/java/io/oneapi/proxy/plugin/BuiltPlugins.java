package io.oneapi.proxy.plugin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.spi.ChannelInfo;
import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.RelayMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The plugin jars this build packaged into {@code oneapi.plugins.dir}, and small helpers around them. */
final class BuiltPlugins {
    private BuiltPlugins() {
    }

    static Path folder() {
        String dir = System.getProperty(PluginRegistry.PLUGINS_DIR_PROPERTY);
        assertTrue(dir != null, "Surefire should set " + PluginRegistry.PLUGINS_DIR_PROPERTY);
        Path folder = Path.of(dir);
        assertTrue(Files.isRegularFile(folder.resolve("openai-0.1.0.jar")),
                "the openai plugin jar is missing from " + folder + ": build the plugins first"
                        + " (mvn -pl plugins/openai -am package, or a full mvn verify)");
        return folder;
    }

    static List<Path> jars() throws IOException {
        try (Stream<Path> files = Files.list(folder())) {
            return files.filter(f -> f.toString().endsWith(".jar")).sorted().toList();
        }
    }

    static ExchangeContext chat(int channelType, String baseUrl, String model) {
        ChannelInfo channel = new ChannelInfo(5, channelType, "test", "sk-upstream", baseUrl, Map.of(), "");
        return new ExchangeContext(channel, RelayMode.CHAT_COMPLETIONS, "/v1/chat/completions", "", model, model,
                false, "", false);
    }
}
