package io.oneapi.launcher;

import static io.oneapi.launcher.MultiNodeIT.MODEL;
import static io.oneapi.launcher.MultiNodeIT.assertStatus;
import static io.oneapi.launcher.MultiNodeIT.listsModel;
import static io.oneapi.launcher.MultiNodeIT.root;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.launcher.GatewayApi.Credential;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.storage.testing.TestDatabase;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The steps both multi-node suites run against a started {@link Cluster}: fixtures made through the management
 * API, roles and shared sessions, change propagation with timings, and exact billing under load through SIGTERM.
 * Counts every relayed request that answered 200, which is what the ledger must show at the end.
 */
final class ClusterScenario {
    private static final String BOB_PASSWORD = "bob-password-1";
    private static final long LOAD_TOKEN_QUOTA = 1_000_000_000L;
    private static final int LOAD_REQUESTS = 60;

    private final GatewayApi api;
    private final Cluster cluster;
    private final TestDatabase db;
    private final MockUpstream upstream;
    private int channelId;
    private int rootId;
    private String loadKey;
    private int loadTokenId;
    private Credential bob;
    private String bobKeyA;
    private int bobTokenA;
    private String bobKeyB;
    private long[] rootBefore;
    private int billed;

    ClusterScenario(GatewayApi api, Cluster cluster, TestDatabase db, MockUpstream upstream) {
        this.api = api;
        this.cluster = cluster;
        this.db = db;
        this.upstream = upstream;
    }

    /** A channel on the mock upstream, a limited root token for load, and user bob with two tokens. */
    void setUp() throws Exception {
        String master = cluster.master().admin();
        api.admin("POST", master + "/api/channel/", Map.of("type", 1, "name", "mock", "key", "sk-upstream-key",
                "models", MODEL, "group", "default", "base_url", upstream.baseUrl()), root());
        channelId = api.admin("GET", master + "/api/channel/search?keyword=mock", null, root()).get(0).path("id")
                .asInt();
        JsonNode load = api.admin("POST", master + "/api/token/", Map.of("name", "load", "remain_quota",
                LOAD_TOKEN_QUOTA, "unlimited_quota", false, "expired_time", -1), root());
        loadKey = load.path("key").asText();
        loadTokenId = load.path("id").asInt();
        rootId = load.path("user_id").asInt();
        api.admin("POST", master + "/api/user/", Map.of("username", "bob", "password", BOB_PASSWORD,
                "display_name", "Bob"), root());
        bob = api.login(master, "bob", BOB_PASSWORD);
        String slaveAdmin = cluster.slave1().admin();
        JsonNode a = api.admin("POST", slaveAdmin + "/api/token/", Map.of("name", "bob-a", "unlimited_quota", true,
                "expired_time", -1), bob);
        bobKeyA = a.path("key").asText();
        bobTokenA = a.path("id").asInt();
        bobKeyB = api.admin("POST", slaveAdmin + "/api/token/", Map.of("name", "bob-b", "unlimited_quota", true,
                "expired_time", -1), bob).path("key").asText();
        rootBefore = row("SELECT quota, used_quota, request_count FROM users WHERE id = ?", rootId);
    }

    /** Migrations and first boot on the master only; a cookie from one node works on another; slaves redirect pages. */
    void rolesAndSessions() throws Exception {
        assertTrue(cluster.master().process().stdout().contains("main migration(s)"),
                cluster.master().process().stdout());
        for (Cluster.Node slave : List.of(cluster.slave1(), cluster.slave2())) {
            String out = slave.process().stdout();
            assertFalse(out.contains("migration(s)"), "a slave never migrates\n" + out);
            assertTrue(out.contains("slave node"), out);
        }
        assertEquals(1, row("SELECT COUNT(*) FROM users WHERE role = 100")[0], "one root, made by the master");

        JsonNode self = api.admin("GET", cluster.slave1().admin() + "/api/user/self", null, bob);
        assertEquals("bob", self.path("username").asText(), "the master's session cookie works on the slave");

        HttpResponse<String> page = api.send("GET", cluster.slave2().proxy() + "/", null, null);
        assertTrue(page.statusCode() == 301 || page.statusCode() == 302, "slave pages go to FRONTEND_BASE_URL");
        assertTrue(page.headers().firstValue("Location").orElse("").startsWith(cluster.master().proxy()),
                page.headers().toString());
    }

    /**
     * Each change is made on one node (the admin of the master or of a slave) after every proxy has used the
     * current state, and must show on every proxy within {@code limit}.
     */
    void changesPropagate(Duration limit) throws Exception {
        String masterAdmin = cluster.master().admin();
        String slaveAdmin = cluster.slave1().admin();

        awaitEverywhere(System.nanoTime(), "warm bob-a", Duration.ofSeconds(10),
                n -> api.relayGet(n.proxy() + "/v1/models", bobKeyA).statusCode() == 200);
        long t = System.nanoTime();
        api.admin("PUT", slaveAdmin + "/api/token/?status_only=true", Map.of("id", bobTokenA, "status", 2), bob);
        report("token disabled on slave1", awaitEverywhere(t, "token disabled", limit,
                n -> api.relayGet(n.proxy() + "/v1/models", bobKeyA).statusCode() == 401), limit);

        awaitEverywhere(System.nanoTime(), "warm bob-b", Duration.ofSeconds(10),
                n -> api.relayGet(n.proxy() + "/v1/models", bobKeyB).statusCode() == 200);
        t = System.nanoTime();
        api.admin("POST", masterAdmin + "/api/user/manage", Map.of("username", "bob", "action", "disable"), root());
        report("user banned on master", awaitEverywhere(t, "user banned", limit,
                n -> api.relayGet(n.proxy() + "/v1/models", bobKeyB).statusCode() == 403), limit);

        awaitEverywhere(System.nanoTime(), "warm models", Duration.ofSeconds(10), n -> listsModel(models(n)));
        t = System.nanoTime();
        api.admin("PUT", slaveAdmin + "/api/channel/", Map.of("id", channelId, "status", 2), root());
        report("channel disabled on slave1", awaitEverywhere(t, "channel disabled", limit,
                n -> !listsModel(models(n))), limit);
        t = System.nanoTime();
        api.admin("PUT", masterAdmin + "/api/channel/", Map.of("id", channelId, "status", 1), root());
        report("channel enabled on master", awaitEverywhere(t, "channel enabled", limit,
                n -> listsModel(models(n))), limit);

        awaitHardLimitEverywhere(System.nanoTime(), 2_000, Duration.ofSeconds(10));
        setQuotaPerUnitAndMeasure(cluster.master(), 250_000, 4_000, limit);
    }

    /** Sets {@code QuotaPerUnit} on {@code node}'s admin; the load token's hard limit becomes quota / value. */
    void setQuotaPerUnit(Cluster.Node node, long value) throws Exception {
        api.admin("PUT", node.admin() + "/api/option/", Map.of("key", "QuotaPerUnit", "value", "" + value), root());
    }

    void setQuotaPerUnitAndMeasure(Cluster.Node node, long value, double hardLimit, Duration limit)
            throws Exception {
        long t = System.nanoTime();
        setQuotaPerUnit(node, value);
        report("option changed on " + node.name(), awaitHardLimitEverywhere(t, hardLimit, limit.multipliedBy(3)
                .plusSeconds(5)), limit);
    }

    /** Waits until every proxy reports {@code hardLimit} for the load token; returns the slowest time in ms. */
    long awaitHardLimitEverywhere(long since, double hardLimit, Duration within) throws Exception {
        return awaitEverywhere(since, "hard limit " + hardLimit, within, n -> {
            HttpResponse<String> r = api.relayGet(n.proxy() + "/v1/dashboard/billing/subscription", loadKey);
            return r.statusCode() == 200
                    && GatewayApi.JSON.readTree(r.body()).path("hard_limit_usd").asDouble() == hardLimit;
        });
    }

    /** A chat completion through {@code node} with the load token that must succeed (and is billed). */
    void chatOk(Cluster.Node node) throws Exception {
        assertStatus(200, api.chat(node.proxy(), loadKey, MODEL), "chat through " + node.name());
        billed++;
    }

    /**
     * Requests spread over the three proxies at once; then every node gets SIGTERM and must write what it batched,
     * after which quota taken == sum of consume logs, for the user, the token and the channel.
     */
    void loadSpreadOverNodesThenSigterm() throws Exception {
        List<Cluster.Node> nodes = cluster.nodes();
        ExecutorService clients = Executors.newFixedThreadPool(9);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < LOAD_REQUESTS; i++) {
                Cluster.Node node = nodes.get(i % nodes.size());
                answers.add(clients.submit(() -> api.chat(node.proxy(), loadKey, MODEL).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(200, answer.get(60, TimeUnit.SECONDS));
                billed++;
            }
        } finally {
            clients.shutdownNow();
        }
        // Consume logs reach the database within a second on every node; the slaves' quota deltas wait for
        // their 600 s batch, so only a clean shutdown can write them.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (loggedRequests()[0] < billed && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100); // polling the database with a deadline
        }
        long[] logged = loggedRequests();
        assertEquals(billed, logged[0], "one consume log per answered request");
        long usedBefore = row("SELECT used_quota FROM tokens WHERE id = ?", loadTokenId)[0];
        // Reservations were written at once (atomic), their settlements wait in the slaves' batches.
        assertNotEquals(logged[1], usedBefore, "the slaves still hold batched settlements");

        cluster.terminateAll();

        long sum = logged[1];
        assertTrue(sum > 0);
        long[] token = row("SELECT remain_quota, used_quota FROM tokens WHERE id = ?", loadTokenId);
        assertEquals(sum, token[1], "token used_quota == sum of logs");
        assertEquals(LOAD_TOKEN_QUOTA - sum, token[0], "token remain_quota went down by the sum of logs");
        long[] user = row("SELECT quota, used_quota, request_count FROM users WHERE id = ?", rootId);
        assertEquals(rootBefore[0] - sum, user[0], "user quota went down by the sum of logs");
        assertEquals(rootBefore[1] + sum, user[1]);
        assertEquals(rootBefore[2] + billed, user[2]);
        assertEquals(sum, row("SELECT used_quota FROM channels WHERE id = ?", channelId)[0]);
        assertEquals(billed, upstream.requestCount(), "every answered request reached the upstream once");
        System.out.println(cluster.nodes().size() + " nodes, " + billed + " requests: quota " + sum + " exact");
    }

    private long[] loggedRequests() throws SQLException {
        return row("SELECT COUNT(*), COALESCE(SUM(quota), 0) FROM logs WHERE type = 2 AND user_id = ?", rootId);
    }

    private JsonNode models(Cluster.Node node) throws Exception {
        HttpResponse<String> r = api.relayGet(node.proxy() + "/v1/models", loadKey);
        assertStatus(200, r, "models on " + node.name());
        return GatewayApi.JSON.readTree(r.body());
    }

    private static void report(String what, long millis, Duration limit) {
        System.out.println("propagation: " + what + " showed on every node after " + millis + " ms");
        assertTrue(millis < limit.toMillis(), what + " took " + millis + " ms, limit " + limit.toMillis() + " ms");
    }

    /** What must become true on a node. */
    interface NodeCheck {
        boolean holds(Cluster.Node node) throws Exception;
    }

    /**
     * Polls every node until {@code check} holds on each (once true, a node is not asked again); returns the time
     * from {@code since} to the last node's first success, in ms. Fails after {@code within} plus a margin, so a
     * slow propagation is reported with its time rather than as a timeout.
     */
    long awaitEverywhere(long since, String what, Duration within, NodeCheck check) throws Exception {
        List<Cluster.Node> pending = new ArrayList<>(cluster.nodes());
        long slowest = 0;
        long deadline = since + within.toNanos() + TimeUnit.SECONDS.toNanos(10);
        while (!pending.isEmpty()) {
            for (var it = pending.iterator(); it.hasNext(); ) {
                Cluster.Node node = it.next();
                if (check.holds(node)) {
                    slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since));
                    it.remove();
                }
            }
            if (!pending.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(what + ": never seen on " + pending.stream().map(Cluster.Node::name)
                            .toList());
                }
                TimeUnit.MILLISECONDS.sleep(10); // polling with a deadline
            }
        }
        return slowest;
    }

    private long[] row(String sql, Object... args) throws SQLException {
        try (Connection c = db.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                s.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next(), "no row for " + sql);
                long[] values = new long[rs.getMetaData().getColumnCount()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rs.getLong(i + 1);
                }
                return values;
            }
        }
    }
}
