package io.oneapi.proxy.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.spi.SpiVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.DefaultVersionManager;

/**
 * DESIGN.md section 4: a plugin jar holds only its own code. A bundled copy of the SPI, PF4J, Jackson or
 * Netty would load in the plugin's class loader and break the adapter's identity or the proxy's buffers.
 */
class PluginJarHygieneTest {
    private static final List<String> FORBIDDEN = List.of("org/pf4j/", "com/fasterxml/", "io/netty/", "io/oneapi/spi/");

    static List<String> forbiddenEntries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName)
                    .filter(name -> FORBIDDEN.stream().anyMatch(name::startsWith)).toList();
        }
    }

    @Test
    void noPluginJarBundlesSharedLibraries() throws IOException {
        List<Path> jars = BuiltPlugins.jars();
        assertFalse(jars.isEmpty());
        for (Path jar : jars) {
            assertEquals(List.of(), forbiddenEntries(jar), jar.getFileName().toString());
        }
    }

    /**
     * Code one plugin shares with another is borrowed through {@code Plugin-Dependencies} (gemini uses the
     * anthropic plugin's Claude translation), never packaged twice: two copies would be two classes.
     */
    @Test
    void noClassIsPackagedInTwoPluginJars() throws IOException {
        Map<String, String> jarOfClass = new HashMap<>();
        for (Path jar : BuiltPlugins.jars()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                for (String name : file.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class")).toList()) {
                    String first = jarOfClass.putIfAbsent(name, jar.getFileName().toString());
                    assertNull(first, name + " is in " + first + " and in " + jar.getFileName());
                }
            }
        }
        assertTrue(jarOfClass.containsKey("io/oneapi/plugin/anthropic/ClaudeTranslation.class"));
    }

    @Test
    void everyPluginJarIsAValidPf4jPluginForThisSpi() throws IOException {
        for (Path jar : BuiltPlugins.jars()) {
            try (JarFile file = new JarFile(jar.toFile())) {
                Attributes main = file.getManifest().getMainAttributes();
                assertNotNull(main.getValue("Plugin-Id"), jar + ": Plugin-Id");
                assertNotNull(main.getValue("Plugin-Version"), jar + ": Plugin-Version");
                String requires = main.getValue("Plugin-Requires");
                assertTrue(new DefaultVersionManager().checkVersionConstraint(SpiVersion.CURRENT, requires),
                        jar + ": Plugin-Requires '" + requires + "' excludes SPI " + SpiVersion.CURRENT);
                JarEntry index = file.getJarEntry("META-INF/extensions.idx");
                assertNotNull(index, jar + ": no META-INF/extensions.idx");
                try (InputStream in = file.getInputStream(index)) {
                    List<String> classes = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                            .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
                    assertFalse(classes.isEmpty(), jar + ": extensions.idx lists no extension");
                    for (String name : classes) {
                        assertNotNull(file.getJarEntry(name.replace('.', '/') + ".class"), jar + ": " + name);
                    }
                }
            }
        }
    }

    @Test
    void theCheckCatchesABundledSpi(@TempDir Path temp) throws IOException {
        Path jar = temp.resolve("fat.jar");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            for (String name : List.of("com/example/Adapter.class", "io/oneapi/spi/ProviderAdapter.class",
                    "com/fasterxml/jackson/databind/ObjectMapper.class")) {
                out.putNextEntry(new JarEntry(name));
                out.closeEntry();
            }
        }
        assertEquals(List.of("io/oneapi/spi/ProviderAdapter.class", "com/fasterxml/jackson/databind/ObjectMapper.class"),
                forbiddenEntries(jar));
    }
}
