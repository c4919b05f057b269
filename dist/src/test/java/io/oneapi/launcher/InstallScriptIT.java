package io.oneapi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install.sh from the built tarball into a temporary prefix, without systemd and as the calling user. */
class InstallScriptIT {

    @TempDir
    static Path temp;
    static Path unpacked;
    static Path prefix;
    static Path dataDir;
    static Path logDir;

    @BeforeAll
    static void unpack() throws Exception {
        unpacked = Tarball.unpack(temp);
        prefix = temp.resolve("opt/one-api");
        dataDir = temp.resolve("var/lib/one-api");
        logDir = temp.resolve("var/log/one-api");
    }

    private static String install(String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(unpacked.resolve("install.sh").toString(),
                "--prefix", prefix.toString(), "--data-dir", dataDir.toString(), "--log-dir", logDir.toString(),
                "--user", System.getProperty("user.name"), "--no-systemd"));
        command.addAll(List.of(extra));
        return run(command);
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), command + " hangs");
        assertEquals(0, process.exitValue(), command + "\n" + output);
        return output;
    }

    @Test
    void installsReinstallsKeepingSettingsRunsAndUninstalls() throws Exception {
        install();
        assertTrue(Files.isExecutable(prefix.resolve("bin/one-api")));
        assertEquals(dataDir.toRealPath(), prefix.resolve("data").toRealPath());
        assertEquals(logDir.toRealPath(), prefix.resolve("logs").toRealPath());
        String unit = Files.readString(prefix.resolve("systemd/one-api.service"));
        assertTrue(unit.contains("ExecStart=" + prefix + "/bin/one-api --role all --log-dir " + logDir), unit);
        assertTrue(unit.contains("ReadWritePaths=" + dataDir + " " + logDir), unit);
        verifyUnitsIfSystemdAnalyzeWorks();

        // Reinstall (upgrade): settings, data and vendor plugins stay; the new defaults land beside the settings.
        Files.writeString(prefix.resolve("conf/one-api.env"), "SESSION_SECRET=kept\n");
        Files.writeString(prefix.resolve("plugins/vendor-plugin.jar"), "not a real jar");
        Files.writeString(dataDir.resolve("marker"), "data");
        String output = install();
        assertTrue(output.contains("one-api.env.new"), output);
        assertEquals("SESSION_SECRET=kept\n", Files.readString(prefix.resolve("conf/one-api.env")));
        assertTrue(Files.exists(prefix.resolve("conf/one-api.env.new")));
        assertTrue(Files.exists(prefix.resolve("plugins/vendor-plugin.jar")));
        assertTrue(Files.exists(dataDir.resolve("marker")));
        assertEquals(unit, Files.readString(prefix.resolve("systemd/one-api.service")), "reinstall is idempotent");

        startInstalledGateway();

        install("--uninstall");
        assertFalse(Files.exists(prefix.resolve("bin")));
        assertFalse(Files.exists(prefix.resolve("lib")));
        assertTrue(Files.exists(prefix.resolve("conf/one-api.env")));
        assertTrue(Files.exists(dataDir.resolve("marker")));

        install("--uninstall", "--purge");
        assertFalse(Files.exists(prefix));
        assertFalse(Files.exists(dataDir));
        assertFalse(Files.exists(logDir));
    }

    /** The installed launcher runs from the prefix, with its SQLite file in the data directory. */
    private static void startInstalledGateway() throws Exception {
        Files.writeString(prefix.resolve("conf/one-api.env"), "SESSION_SECRET=kept\n");
        int port = GatewayProcess.freePort();
        int adminPort = GatewayProcess.freePort();
        try (GatewayProcess gateway = GatewayProcess.start(prefix, temp, temp.resolve("output"), Map.of(),
                "--port", "" + port, "--admin-port", "" + adminPort)) {
            gateway.awaitOk("http://127.0.0.1:" + port + "/health");
            gateway.awaitOk("http://127.0.0.1:" + adminPort + "/api/status");
            assertEquals(0, gateway.terminate(), gateway.output());
        }
        assertTrue(Files.exists(dataDir.resolve("one-api.db")));
        try (var files = Files.list(logDir)) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("oneapi-")));
        }
    }

    /** {@code systemd-analyze verify} where systemd is installed; the layout checks above run everywhere. */
    private static void verifyUnitsIfSystemdAnalyzeWorks() throws Exception {
        Path analyze = Path.of("/usr/bin/systemd-analyze");
        if (!Files.isExecutable(analyze)) {
            return;
        }
        List<String> command = new ArrayList<>(List.of(analyze.toString(), "verify", "--man=no"));
        for (String unit : List.of("one-api.service", "one-api-proxy.service", "one-api-admin.service")) {
            command.add(prefix.resolve("systemd").resolve(unit).toString());
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        assertEquals("", output.strip(), "systemd-analyze verify complains:\n" + output);
    }
}
