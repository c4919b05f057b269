package io.oneapi.proxy.plugin;

import io.oneapi.spi.ProviderAdapter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.pf4j.ExtensionPoint;

/**
 * Builds a third-party plugin jar the way a vendor outside this build would: compiles one adapter from
 * source against plugin-api alone, then writes the PF4J manifest and {@code META-INF/extensions.idx} by
 * hand. The adapter serves one channel type and sends {@code POST {base}/echo} with an {@code X-Echo-Key}.
 */
final class VendorPluginJar {
    private static final String SOURCE = """
            package com.example.%1$s;

            import io.oneapi.spi.*;
            import java.util.List;
            import org.pf4j.Extension;

            @Extension
            public final class EchoAdapter implements ProviderAdapter {
                @Override
                public ProviderDescriptor descriptor() {
                    if (%5$s) {
                        throw new IllegalStateException("broken vendor descriptor");
                    }
                    return new ProviderDescriptor("%1$s", "Echo vendor", List.of(new ChannelTypeInfo(%2$d, "Echo",
                            "https://echo.example", List.of("echo-1", "%3$s"), List.of("region"), "%4$s")));
                }

                @Override
                public ProviderExchange newExchange(ExchangeContext context) {
                    return new ProviderExchange() {
                        @Override
                        public UpstreamRequest translateRequest(ClientRequest request) {
                            return UpstreamRequest.builder("POST", context.channel().baseUrl() + "/echo")
                                    .header("X-Echo-Key", context.channel().key()).build();
                        }

                        @Override
                        public StreamMode streamMode() {
                            return StreamMode.TRANSLATE;
                        }
                    };
                }
            }
            """;

    private final String pluginId;
    private int channelType = 9001;
    private String extraModel = "echo-2";
    private String ownedBy = "echo-vendor";
    private String requires = ">=0.1.0 & <0.2.0";
    private boolean brokenDescriptor;
    private String dependencies = "";

    private VendorPluginJar(String pluginId) {
        this.pluginId = pluginId;
    }

    /** A vendor plugin; its id doubles as its Java package name and adapter id. */
    static VendorPluginJar named(String pluginId) {
        return new VendorPluginJar(pluginId);
    }

    VendorPluginJar servingType(int type, String model, String owner) {
        this.channelType = type;
        this.extraModel = model;
        this.ownedBy = owner;
        return this;
    }

    VendorPluginJar requiring(String expression) {
        this.requires = expression;
        return this;
    }

    VendorPluginJar dependingOn(String pluginIds) {
        this.dependencies = pluginIds;
        return this;
    }

    VendorPluginJar withBrokenDescriptor() {
        this.brokenDescriptor = true;
        return this;
    }

    /** Compiles the adapter in {@code workDir} and writes {@code <pluginId>-1.0.0.jar} into {@code pluginsDir}. */
    Path writeTo(Path pluginsDir, Path workDir) throws IOException {
        Path sources = Files.createDirectories(workDir.resolve(pluginId + "-src/com/example/" + pluginId));
        Path classes = Files.createDirectories(workDir.resolve(pluginId + "-classes"));
        Path source = sources.resolve("EchoAdapter.java");
        Files.writeString(source, String.format(SOURCE, pluginId, channelType, extraModel, ownedBy, brokenDescriptor));
        compile(source, classes);
        Path jar = pluginsDir.resolve(pluginId + "-1.0.0.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest())) {
            putEntry(out, "META-INF/extensions.idx",
                    ("com.example." + pluginId + ".EchoAdapter\n").getBytes(StandardCharsets.UTF_8));
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    putEntry(out, classes.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        }
        return jar;
    }

    private Manifest manifest() {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Plugin-Id", pluginId);
        main.putValue("Plugin-Version", "1.0.0");
        main.putValue("Plugin-Provider", "Example Vendor");
        main.putValue("Plugin-Requires", requires);
        if (!dependencies.isEmpty()) {
            main.putValue("Plugin-Dependencies", dependencies);
        }
        return manifest;
    }

    private static void compile(Path source, Path classes) {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("tests need a JDK: no system Java compiler");
        }
        List<String> args = new ArrayList<>(List.of("--release", "17", "-proc:none", "-d", classes.toString(),
                "-classpath", codeSource(ProviderAdapter.class) + java.io.File.pathSeparator
                        + codeSource(ExtensionPoint.class), source.toString()));
        OutputStream errors = new java.io.ByteArrayOutputStream();
        int status = compiler.run(null, errors, errors, args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("vendor plugin did not compile:\n" + errors);
        }
    }

    /** Where a class came from: plugin-api's classes folder or jar, pf4j's jar (Surefire hides the class path). */
    private static String codeSource(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void putEntry(JarOutputStream out, String name, byte[] content) {
        try {
            out.putNextEntry(new JarEntry(name));
            out.write(content);
            out.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
