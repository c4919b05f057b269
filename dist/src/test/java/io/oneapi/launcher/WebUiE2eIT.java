package io.oneapi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oneapi.admin.testing.FakeSmtpServer;
import io.oneapi.proxy.testing.MockUpstream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web UI's end-to-end tests (admin-ui/e2e, scenarios A-I of shared/reference/admin-ui.md section 5.2): the
 * packaged gateway (proxy and admin server in role all, fresh SQLite) and an in-process mock upstream on free
 * loopback ports, then {@code playwright test} in admin-ui driving Debian's Chromium against them.
 *
 * <p>Chromium comes from {@code ONEAPI_TEST_CHROMIUM} (or {@code CHROMIUM_PATH}, else {@code /usr/bin/chromium}).
 * Without it the test fails when {@code CI=true} and is skipped otherwise. Playwright never downloads a browser.
 */
class WebUiE2eIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PLAYWRIGHT_TIMEOUT_MINUTES = 12;
    /** Root's access token on the e-mail flows' gateway (set at first boot), for the test's own settings calls. */
    private static final String MAIL_ROOT_TOKEN = "e2e-mail-root-access-token-0123";

    @TempDir
    Path temp;

    @Test
    void operatorJourneyInARealBrowser() throws Exception {
        Path chromium = chromium();
        Path ui = Path.of("").toAbsolutePath().getParent().resolve("admin-ui");
        Path cli = ui.resolve("node_modules/@playwright/test/cli.js");
        require(Files.isRegularFile(cli), "admin-ui/node_modules has no @playwright/test: build admin-ui first"
                + " (mvn verify builds it; -DskipUi leaves it out)");
        Path home = Tarball.unpack(temp);
        int port = GatewayProcess.freePort();
        int adminPort = GatewayProcess.freePort();
        String relay = "http://127.0.0.1:" + port;
        String admin = "http://127.0.0.1:" + adminPort;
        int mailPort = GatewayProcess.freePort();
        try (MockUpstream upstream = new MockUpstream().script(WebUiE2eIT::answer);
             FakeSmtpServer smtp = new FakeSmtpServer(FakeSmtpServer.Mode.PLAIN, null);
             MockUpstream mailbox = new MockUpstream().script(r -> new MockUpstream.Json(200, mails(smtp)));
             MockUpstream siteverify = new MockUpstream().script(WebUiE2eIT::siteverify);
             // Scenarios G30 (e-mail flows) and G31's token check run on a gateway of their own: with the journey's
             // logins, registrations and resets on one address they would pass the fixed critical rate limit (20 in
             // 20 minutes).
             GatewayProcess mailGateway = GatewayProcess.start(home, temp, temp.resolve("mail-output"),
                     Map.of("SQLITE_PATH", temp.resolve("mail.db").toString(),
                             "INITIAL_ROOT_ACCESS_TOKEN", MAIL_ROOT_TOKEN,
                             "TURNSTILE_VERIFY_URL", siteverify.baseUrl() + "/turnstile/v0/siteverify"),
                     "--port", "" + GatewayProcess.freePort(), "--admin-port", "" + mailPort);
             GatewayProcess gateway = GatewayProcess.start(home, temp, temp.resolve("output"),
                     // One browser on one address makes more management calls and page loads in a few
                     // minutes than One API's per-IP defaults allow (the run got 429 pages); the limits
                     // themselves are admin-server's RateLimitTest's business.
                     Map.of("SQLITE_PATH", temp.resolve("e2e.db").toString(), "GLOBAL_API_RATE_LIMIT", "0",
                             "GLOBAL_WEB_RATE_LIMIT", "0"),
                     "--port", "" + port, "--admin-port", "" + adminPort)) {
            gateway.awaitOk(relay + "/health");
            mailGateway.awaitOk("http://127.0.0.1:" + mailPort + "/api/status");
            String page = gateway.awaitOk(admin + "/");
            require(page.contains("<div id=\"root\">"), "the packaged gateway has no web UI (built with -DskipUi?)");

            Path log = temp.resolve("playwright.log");
            ProcessBuilder builder = new ProcessBuilder("node", cli.toString(), "test")
                    .directory(ui.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.put("BASE_URL", admin);
            env.put("RELAY_URL", relay);
            env.put("MOCK_URL", upstream.baseUrl());
            env.put("MAIL_BASE_URL", "http://127.0.0.1:" + mailPort);
            env.put("MAILBOX_URL", mailbox.baseUrl() + "/mails");
            env.put("SMTP_PORT", Integer.toString(smtp.port()));
            env.put("MAIL_ROOT_TOKEN", MAIL_ROOT_TOKEN);
            env.put("CHROMIUM_PATH", chromium.toString());
            env.put("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
            Process playwright = builder.start();
            if (!playwright.waitFor(PLAYWRIGHT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                playwright.destroyForcibly();
                fail("playwright did not finish within " + PLAYWRIGHT_TIMEOUT_MINUTES + " minutes\n" + tail(log));
            }
            String output = Files.readString(log);
            System.out.println(output);
            assertEquals(0, playwright.exitValue(), "playwright failed (traces in admin-ui/test-results/)\n"
                    + tail(log) + "\n--- gateway\n" + gateway.output() + "\n--- mail gateway\n" + mailGateway.output());
        }
    }

    /**
     * Scenario H33: a gateway started with One API's {@code THEME=berry} still serves the default UI on every client
     * route, and its log names the fallback; so does a theme no One API knows (issue 5: an unknown theme falls
     * back to the default with a warning).
     */
    @Test
    void foreignAndUnknownThemesFallBackToTheDefaultWithAWarning() throws Exception {
        Path home = Tarball.unpack(temp);
        int port = GatewayProcess.freePort();
        int adminPort = GatewayProcess.freePort();
        try (GatewayProcess gateway = GatewayProcess.start(home, temp, temp.resolve("berry"),
                Map.of("SQLITE_PATH", temp.resolve("berry.db").toString(), "THEME", "berry"),
                "--port", "" + port, "--admin-port", "" + adminPort)) {
            String page = gateway.awaitOk("http://127.0.0.1:" + adminPort + "/token");
            require(page.contains("<div id=\"root\">"), "the packaged gateway has no web UI (built with -DskipUi?)");
            assertTrue(page.contains("/assets/"), page);
            // Logged while the admin server starts, so on stdout before the page answered.
            assertTrue(gateway.stdout().contains(
                    "THEME=berry is a One API theme this build does not ship; serving the default theme"), gateway.output());
        }
        int otherAdmin = GatewayProcess.freePort();
        try (GatewayProcess gateway = GatewayProcess.start(home, temp, temp.resolve("nonexistent"),
                Map.of("SQLITE_PATH", temp.resolve("nonexistent.db").toString(), "THEME", "nonexistent"),
                "--port", "" + GatewayProcess.freePort(), "--admin-port", "" + otherAdmin)) {
            String page = gateway.awaitOk("http://127.0.0.1:" + otherAdmin + "/token");
            assertTrue(page.contains("<div id=\"root\">"), page);
            assertTrue(gateway.stdout().contains("unknown THEME=nonexistent"), gateway.output());
        }
    }

    /**
     * An OpenAI-compatible upstream with fixed usage (10 prompt, 20 completion tokens) that echoes the model it was
     * asked for, so the browser test can see the channel's model mapping; key {@code bad} gets a 401.
     */
    static MockUpstream.Action answer(MockUpstream.Received request) {
        if ("Bearer bad".equals(request.header("Authorization"))) {
            return new MockUpstream.Json(401, "{\"error\":{\"message\":\"Incorrect API key provided\","
                    + "\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}");
        }
        String model;
        boolean stream;
        try {
            JsonNode body = JSON.readTree(request.bodyText());
            model = body.path("model").asText();
            stream = body.path("stream").asBoolean(false);
        } catch (IOException e) {
            return new MockUpstream.Json(400, "{\"error\":{\"message\":\"bad json\",\"type\":\"invalid_request_error\"}}");
        }
        String usage = "{\"prompt_tokens\":10,\"completion_tokens\":20,\"total_tokens\":30}";
        if (stream) {
            String head = "{\"id\":\"chatcmpl-e2e\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\""
                    + model + "\",";
            return MockUpstream.Stream.sse(List.of(
                    "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"echo:"
                            + model + "\"},\"finish_reason\":null}]}\n\n",
                    "data: " + head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
                    "data: " + head + "\"choices\":[],\"usage\":" + usage + "}\n\n",
                    "data: [DONE]\n\n"));
        }
        return new MockUpstream.Json(200, "{\"id\":\"chatcmpl-e2e\",\"object\":\"chat.completion\",\"created\":1,"
                + "\"model\":\"" + model + "\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
                + "\"content\":\"echo:" + model + "\"},\"finish_reason\":\"stop\"}],\"usage\":" + usage + "}");
    }

    /** Cloudflare's siteverify as a stub: only the token {@code good-token}, sent with the secret {@code e2e-secret}. */
    static MockUpstream.Action siteverify(MockUpstream.Received request) {
        String form = request.bodyText();
        boolean good = form.contains("secret=e2e-secret") && form.contains("response=good-token");
        return new MockUpstream.Json(200, good ? "{\"success\":true}"
                : "{\"success\":false,\"error-codes\":[\"invalid-input-response\"]}");
    }

    /** The fake SMTP server's mails as JSON for the browser test: {@code [{"to": [...], "data": "..."}]}. */
    static String mails(FakeSmtpServer smtp) {
        ArrayNode list = JSON.createArrayNode();
        for (FakeSmtpServer.Mail mail : smtp.delivered()) {
            ObjectNode item = list.addObject();
            mail.to().forEach(item.putArray("to")::add);
            item.put("data", mail.data());
        }
        return list.toString();
    }

    /** Debian's Chromium; missing fails under CI=true and skips elsewhere, with the install command. */
    private static Path chromium() {
        List<String> candidates = new ArrayList<>();
        for (String name : List.of("ONEAPI_TEST_CHROMIUM", "CHROMIUM_PATH")) {
            String value = System.getenv(name);
            if (value != null && !value.isBlank()) {
                candidates.add(value);
            }
        }
        candidates.add("/usr/bin/chromium");
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        require(false, "Chromium not found (set ONEAPI_TEST_CHROMIUM, or install Debian's: apt-get install -y chromium)");
        return null;
    }

    /** A missing prerequisite: a failure on CI, a skip with the reason elsewhere. */
    private static void require(boolean condition, String message) {
        if (condition) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(message);
        }
        Assumptions.assumeTrue(false, message);
    }

    private static String tail(Path log) throws IOException {
        if (!Files.exists(log)) {
            return "(no playwright output)";
        }
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 120), lines.size()));
    }
}
