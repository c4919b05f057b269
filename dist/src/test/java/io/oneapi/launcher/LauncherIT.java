package io.oneapi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.admin.testing.FakeSmtpServer;
import io.oneapi.proxy.testing.MockUpstream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the packaged gateway from the built tarball, as an operator would. */
class LauncherIT {

    private static final String ROOT_TOKEN = "launchertest".repeat(4);
    private static final String ROOT_ACCESS_TOKEN = "launcher-access-token-0123456789";

    @TempDir
    static Path temp;
    static Path home;
    /** A directory that is neither the install nor the data directory: bin/one-api must not care. */
    static Path elsewhere;

    @BeforeAll
    static void unpackTarball() throws IOException, InterruptedException {
        home = Tarball.unpack(temp);
        elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
    }

    private static GatewayProcess start(Map<String, String> env, String... args) throws IOException {
        return GatewayProcess.start(home, elsewhere, temp.resolve("output"), env, args);
    }

    @Test
    void tarballHasTheDocumentedLayout() {
        for (String path : List.of("bin/one-api", "install.sh", "conf/one-api.env", "lib", "plugins", "data", "logs",
                "systemd/one-api.service", "systemd/one-api-proxy.service", "systemd/one-api-admin.service")) {
            assertTrue(Files.exists(home.resolve(path)), path);
        }
        assertTrue(Files.isExecutable(home.resolve("bin/one-api")));
        assertTrue(Files.isExecutable(home.resolve("install.sh")));
        assertTrue(Files.exists(home.resolve("lib/dist-" + Tarball.version() + ".jar")));
    }

    @Test
    void firstBootCreatesRootOnceAndSigtermExitsZero() throws Exception {
        Path db = temp.resolve("first-boot/one-api.db");
        Files.createDirectories(db.getParent());
        int port = GatewayProcess.freePort();
        int adminPort = GatewayProcess.freePort();
        Map<String, String> env = Map.of("SQLITE_PATH", db.toString(), "INITIAL_ROOT_TOKEN", ROOT_TOKEN,
                "INITIAL_ROOT_ACCESS_TOKEN", ROOT_ACCESS_TOKEN);
        List<String> rootBefore;
        try (GatewayProcess gateway = start(env, "--port", "" + port, "--admin-port", "" + adminPort)) {
            gateway.awaitOk("http://127.0.0.1:" + port + "/health");
            String status = gateway.awaitOk("http://127.0.0.1:" + adminPort + "/api/status");
            assertTrue(status.replace(" ", "").contains("\"success\":true"), status);

            rootBefore = rootUser(db);
            assertEquals("100", rootBefore.get(1), "root role");
            assertEquals(ROOT_ACCESS_TOKEN, rootBefore.get(2));
            assertEquals(List.of(ROOT_TOKEN), tokenKeys(db));

            assertEquals(0, gateway.terminate(), gateway.output());
            String log = Files.readString(home.resolve("logs/oneapi-"
                    + LocalDate.now().format(DateTimeFormatter.BASIC_ISO_DATE) + ".log"));
            assertTrue(log.contains("started"), log);
            assertFalse(log.contains(ROOT_TOKEN), "the root token must never be logged");
        }

        // A second start, even with other first-boot values, changes nothing.
        Map<String, String> again = Map.of("SQLITE_PATH", db.toString(), "INITIAL_ROOT_TOKEN", "other".repeat(4),
                "INITIAL_ROOT_ACCESS_TOKEN", "other-access");
        try (GatewayProcess gateway = start(again, "--port=" + port, "--admin-port=" + adminPort)) {
            gateway.awaitOk("http://127.0.0.1:" + port + "/health");
            gateway.awaitOk("http://127.0.0.1:" + adminPort + "/api/status");
            assertEquals(rootBefore, rootUser(db));
            assertEquals(List.of(ROOT_TOKEN), tokenKeys(db));
            assertEquals(0, gateway.terminate(), gateway.output());
        }
    }

    @Test
    void theRelayTellsRootThroughTheMessagePusherWhenItDisablesAChannel() throws Exception {
        Path db = temp.resolve("alerts.db");
        int port = GatewayProcess.freePort();
        int adminPort = GatewayProcess.freePort();
        String proxy = "http://127.0.0.1:" + port;
        String admin = "http://127.0.0.1:" + adminPort;
        Map<String, String> env = Map.of("SQLITE_PATH", db.toString(), "INITIAL_ROOT_TOKEN", ROOT_TOKEN,
                "INITIAL_ROOT_ACCESS_TOKEN", ROOT_ACCESS_TOKEN);
        String deadKey = "{\"error\":{\"message\":\"Incorrect API key provided: sk-dead\","
                + "\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"invalid_api_key\"}}";
        try (MockUpstream upstream = new MockUpstream().script(r -> new MockUpstream.Json(401, deadKey));
             MockUpstream pusher = new MockUpstream().script(r -> new MockUpstream.Json(200,
                     "{\"success\":true,\"message\":\"ok\"}"));
             GatewayProcess gateway = start(env, "--port", "" + port, "--admin-port", "" + adminPort)) {
            gateway.awaitOk(proxy + "/health");
            gateway.awaitOk(admin + "/api/status");
            GatewayApi api = new GatewayApi();
            GatewayApi.Credential root = GatewayApi.Credential.accessToken(ROOT_ACCESS_TOKEN);
            api.admin("PUT", admin + "/api/option/", Map.of("key", "AutomaticDisableChannelEnabled", "value", "true"),
                    root);
            api.admin("PUT", admin + "/api/option/", Map.of("key", "MessagePusherAddress",
                    "value", pusher.baseUrl() + "/push"), root);
            api.admin("POST", admin + "/api/channel/", Map.of("type", 1, "name", "dead-key", "key", "sk-dead",
                    "models", "gpt-4o-mini", "group", "default", "base_url", upstream.baseUrl()), root);
            int channelId = api.admin("GET", admin + "/api/channel/search?keyword=dead-key", null, root).get(0)
                    .path("id").asInt();

            var answer = api.chat(proxy, ROOT_TOKEN, "gpt-4o-mini");
            assertTrue(answer.statusCode() >= 400, answer.statusCode() + " " + answer.body());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (pusher.received().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertEquals(1, pusher.received().size(), "one notice\n" + gateway.output());
            var pushed = GatewayApi.JSON.readTree(pusher.received().get(0).bodyText());
            assertEquals("Channel dead-key (#" + channelId + ") has been disabled", pushed.path("title").asText());
            assertTrue(pushed.path("description").asText().contains("401"), pushed.toString());
            assertEquals(3, api.admin("GET", admin + "/api/channel/" + channelId, null, root).path("status").asInt(),
                    "automatically disabled");
            assertEquals(0, gateway.terminate(), gateway.output());
        }
    }

    /**
     * A user whose quota falls below {@code QuotaRemindThreshold} is e-mailed that it runs low, and once it is gone,
     * that it is used up. Batch updates are on with a minute's interval, so the balances the reminders act on are
     * still only in the billing writer's memory: they must count what is queued there.
     */
    @Test
    void usersAreEmailedWhenTheirQuotaRunsLowAndWhenItIsUsedUp() throws Exception {
        Path db = temp.resolve("reminders.db");
        int port = GatewayProcess.freePort();
        int adminPort = GatewayProcess.freePort();
        String proxy = "http://127.0.0.1:" + port;
        String admin = "http://127.0.0.1:" + adminPort;
        Map<String, String> env = Map.of("SQLITE_PATH", db.toString(), "INITIAL_ROOT_TOKEN", ROOT_TOKEN,
                "INITIAL_ROOT_ACCESS_TOKEN", ROOT_ACCESS_TOKEN, "BATCH_UPDATE_ENABLED", "true",
                "BATCH_UPDATE_INTERVAL", "60");
        String answer = "{\"id\":\"chatcmpl-1\",\"object\":\"chat.completion\",\"created\":1,"
                + "\"model\":\"remind-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"Hi\"},\"finish_reason\":\"stop\"}],"
                + "\"usage\":{\"prompt_tokens\":10,\"completion_tokens\":2000,\"total_tokens\":2010}}";
        try (MockUpstream upstream = new MockUpstream().script(r -> new MockUpstream.Json(200, answer));
             FakeSmtpServer smtp = new FakeSmtpServer(FakeSmtpServer.Mode.PLAIN, null);
             GatewayProcess gateway = start(env, "--port", "" + port, "--admin-port", "" + adminPort)) {
            gateway.awaitOk(proxy + "/health");
            gateway.awaitOk(admin + "/api/status");
            GatewayApi api = new GatewayApi();
            GatewayApi.Credential root = GatewayApi.Credential.accessToken(ROOT_ACCESS_TOKEN);
            for (Map.Entry<String, String> option : Map.of("SMTPServer", "127.0.0.1",
                    "SMTPPort", Integer.toString(smtp.port()), "SMTPFrom", "gateway@example.com",
                    "ServerAddress", "https://gw.example.com", "QuotaRemindThreshold", "1000",
                    "ModelRatio", "{\"remind-model\": 1}", "CompletionRatio", "{\"remind-model\": 1}").entrySet()) {
                api.admin("PUT", admin + "/api/option/", Map.of("key", option.getKey(), "value", option.getValue()),
                        root);
            }
            api.admin("POST", admin + "/api/channel/", Map.of("type", 1, "name", "answers", "key", "sk-up",
                    "models", "remind-model", "group", "default", "base_url", upstream.baseUrl()), root);
            int rootId = api.admin("GET", admin + "/api/user/self", null, root).path("id").asInt();
            api.admin("PUT", admin + "/api/user/", Map.of("id", rootId, "email", "root@example.com", "quota", 3000),
                    root);

            var first = api.chat(proxy, ROOT_TOKEN, "remind-model"); // 2,010: 3,000 -> 990
            assertEquals(200, first.statusCode(), first.body());
            FakeSmtpServer.Mail low = smtp.next();
            assertTrue(low != null, "a running-low e-mail\n" + gateway.output());
            assertEquals(List.of("<root@example.com>"), low.to());
            String lowText = low.data().replace("=\n", "").replace("=3D", "=");
            assertTrue(lowText.contains("Subject: Your quota is running low"), lowText);
            assertTrue(lowText.contains("Remaining quota: 990"), lowText);
            assertTrue(lowText.contains("https://gw.example.com/topup"), lowText);

            var second = api.chat(proxy, ROOT_TOKEN, "remind-model"); // 990 -> -1,020: post-paid, allowed
            assertEquals(200, second.statusCode(), second.body());
            FakeSmtpServer.Mail gone = smtp.next();
            assertTrue(gone != null, "a used-up e-mail\n" + gateway.output());
            String goneText = gone.data().replace("=\n", "").replace("=3D", "=");
            assertTrue(goneText.contains("Subject: Your quota is used up"), goneText);
            assertTrue(goneText.contains("Remaining quota: -1020"), goneText);

            var third = api.chat(proxy, ROOT_TOKEN, "remind-model");
            assertEquals(403, third.statusCode(), third.body());
            Thread.sleep(2_500); // a refused request charges nothing: no third e-mail
            assertTrue(smtp.nothingDelivered(), "no more e-mails");
            assertEquals(0, gateway.terminate(), gateway.output());
        }
    }

    @Test
    void rolesSplitTheServersAcrossProcesses() throws Exception {
        Path db = temp.resolve("roles.db");
        int port = GatewayProcess.freePort();
        int adminPort = GatewayProcess.freePort();
        Map<String, String> env = Map.of("SQLITE_PATH", db.toString(), "SESSION_SECRET", "shared-secret");
        try (GatewayProcess admin = start(env, "--role", "admin", "--port", "" + port, "--admin-port", "" + adminPort)) {
            admin.awaitOk("http://127.0.0.1:" + adminPort + "/api/status");
            try (GatewayProcess proxy = start(env, "--role=proxy", "--port", "" + port,
                    "--admin-port", "" + adminPort)) {
                proxy.awaitOk("http://127.0.0.1:" + port + "/health");
                assertTrue(proxy.stdout().contains("started: proxy on port " + port + " (role proxy"),
                        proxy.stdout());
                // The proxy unit forwards the UI and /api to the admin unit on ADMIN_PORT, as role all does.
                java.net.http.HttpResponse<String> status = java.net.http.HttpClient.newHttpClient().send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                                "http://127.0.0.1:" + port + "/api/status")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertEquals(200, status.statusCode(), status.body());
                assertTrue(status.body().contains("\"success\":true"), status.body());
                assertEquals(0, proxy.terminate(), proxy.output());
            }
            assertTrue(admin.stdout().contains("started: admin on port " + adminPort + " (role admin"),
                    admin.stdout());
            assertEquals(0, admin.terminate(), admin.output());
        }
    }

    @Test
    void sigtermDuringStartUpStillStopsCleanly() throws Exception {
        Path db = temp.resolve("early-stop.db");
        try (GatewayProcess gateway = start(Map.of("SQLITE_PATH", db.toString()), "--port",
                "" + GatewayProcess.freePort(), "--admin-port", "" + GatewayProcess.freePort())) {
            gateway.awaitStdout("storage ready");
            assertEquals(0, gateway.terminate(), gateway.output());
        }
    }

    @Test
    void takenPortEndsStartUpWithOneLineAndExitOne() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("0.0.0.0"))) {
            int port = taken.getLocalPort();
            Path db = temp.resolve("taken-port.db");
            try (GatewayProcess gateway = start(Map.of("SQLITE_PATH", db.toString()), "--port", "" + port,
                    "--admin-port", "" + GatewayProcess.freePort())) {
                assertEquals(1, gateway.awaitExit(), gateway.output());
                assertOneErrorLine(gateway, "one-api: cannot listen on port " + port + ": address already in use");
            }
        }
    }

    @Test
    void unreachableDatabaseEndsStartUpWithOneLineAndExitOne() throws Exception {
        try (GatewayProcess gateway = start(Map.of("SQL_DSN", "root:secretpw@tcp(127.0.0.1:1)/oneapi"),
                "--port", "" + GatewayProcess.freePort(), "--admin-port", "" + GatewayProcess.freePort())) {
            assertEquals(1, gateway.awaitExit(), gateway.output());
            String line = assertOneErrorLine(gateway, "one-api: ");
            assertTrue(line.contains("127.0.0.1:1") || line.toLowerCase().contains("database"), line);
            assertFalse(gateway.output().contains("secretpw"), "the DSN password must not be printed");
        }
    }

    @Test
    void invalidSettingExitsTwoWithTheExactMessage() throws Exception {
        try (GatewayProcess gateway = start(Map.of("SQL_MAX_OPEN_CONNS", "abc"))) {
            assertEquals(2, gateway.awaitExit(), gateway.output());
            assertOneErrorLine(gateway, "one-api: SQL_MAX_OPEN_CONNS: abc (expected: a positive integer)");
        }
    }

    @Test
    void versionAndHelp() throws Exception {
        try (GatewayProcess gateway = start(Map.of(), "--version")) {
            assertEquals(0, gateway.awaitExit(), gateway.output());
            assertEquals("one-api " + Tarball.version(), gateway.stdout().strip());
        }
        try (GatewayProcess gateway = start(Map.of(), "--help")) {
            assertEquals(0, gateway.awaitExit(), gateway.output());
            assertTrue(gateway.stdout().contains("--admin-port"), gateway.stdout());
        }
    }

    @Test
    void missingJavaIsReportedClearly() throws Exception {
        try (GatewayProcess gateway = start(Map.of("JAVA_HOME", temp.resolve("no-jdk").toString()), "--version")) {
            assertEquals(1, gateway.awaitExit());
            assertTrue(gateway.stderr().startsWith("one-api: JAVA_HOME is "), gateway.stderr());
        }
        Path noJava = Files.createDirectories(temp.resolve("path-without-java"));
        for (String tool : List.of("sed", "head", "dirname", "readlink", "mkdir")) {
            Path found = List.of(Path.of("/usr/bin", tool), Path.of("/bin", tool)).stream()
                    .filter(Files::isExecutable).findFirst().orElseThrow();
            Files.deleteIfExists(noJava.resolve(tool));
            Files.createSymbolicLink(noJava.resolve(tool), found);
        }
        List<String> command = new ArrayList<>(List.of("/bin/sh", home.resolve("bin/one-api").toString(), "--version"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().put("PATH", noJava.toString());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, process.exitValue(), output);
        assertEquals("one-api: no Java runtime found: install a JDK 17 or newer, or set JAVA_HOME", output.strip());
    }

    /** stderr holds exactly one {@code one-api:} line, starting with {@code expected}, and no stack trace. */
    private static String assertOneErrorLine(GatewayProcess gateway, String expected) throws IOException {
        List<String> lines = gateway.stderr().lines().filter(l -> l.startsWith("one-api:")).toList();
        assertEquals(1, lines.size(), gateway.output());
        assertTrue(lines.get(0).startsWith(expected), gateway.output());
        assertFalse(gateway.stderr().contains("\tat "), "no stack trace on stderr:\n" + gateway.output());
        return lines.get(0);
    }

    /** username, role, access_token and password hash of root; asserts root is the only user. */
    private static List<String> rootUser(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT username, role, access_token, password FROM users")) {
            assertTrue(rs.next(), "no user");
            List<String> row = List.of(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4));
            assertFalse(rs.next(), "more than one user");
            assertEquals("root", row.get(0));
            return row;
        }
    }

    private static List<String> tokenKeys(Path db) throws SQLException {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT \"key\" FROM tokens ORDER BY id")) {
            List<String> keys = new ArrayList<>();
            while (rs.next()) {
                keys.add(rs.getString(1));
            }
            return keys;
        }
    }
}
