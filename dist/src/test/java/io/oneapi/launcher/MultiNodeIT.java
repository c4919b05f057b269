package io.oneapi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.oneapi.launcher.GatewayApi.Credential;
import io.oneapi.proxy.testing.MockUpstream;
import io.oneapi.storage.testing.TcpGate;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The seed's multi-server deployment as real processes from the tarball: a master (proxy and admin), a slave
 * (proxy and admin) and a proxy-only slave on one MySQL/PostgreSQL database, with Redis and without it.
 * Checks roles, a session cookie made by one node used on another, how fast changes made on one node take effect
 * on the others, Redis or the database going away and coming back, and that quota stays exact under load spread
 * over the nodes through a SIGTERM of every node. Redis and the database "go away" behind {@link TcpGate}s, so
 * the machine's shared servers are never stopped.
 */
class MultiNodeIT {
    static final String MODEL = "gpt-4o-mini";
    private static final int SYNC_SECONDS = 2;
    private static final String UPSTREAM_ANSWER = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Hi"},"finish_reason":"stop"}],
             "usage":{"prompt_tokens":10,"completion_tokens":20,"total_tokens":30}}""";

    @TempDir
    static Path temp;
    static Path home;

    private final GatewayApi api = new GatewayApi();

    @BeforeAll
    static void unpackTarball() throws Exception {
        home = Tarball.unpack(temp);
    }

    @ParameterizedTest(name = "{0} with Redis")
    @EnumSource(value = TestDatabases.Engine.class, names = {"MYSQL", "POSTGRES"})
    void withRedis(TestDatabases.Engine engine, @TempDir Path dir) throws Exception {
        String redis = System.getenv("ONEAPI_TEST_REDIS");
        Assumptions.assumeTrue(redis != null && !redis.isBlank(),
                "ONEAPI_TEST_REDIS is not set, so the multi-node tests with Redis are skipped (see notes/common.md)");
        try (TestDatabase db = engine.create(dir); TcpGate redisGate = TcpGate.inFrontOf(redis.strip());
             MockUpstream upstream = mockUpstream()) {
            Map<String, String> env = sharedEnv(db.dsn());
            env.put("REDIS_CONN_STRING", redisGate.route(redis.strip()));
            env.put("SYNC_FREQUENCY", "60"); // so that only pub/sub can make a change show within a second
            try (Cluster cluster = Cluster.start(home, dir, env, slaveEnv())) {
                cluster.awaitEveryStdout("Redis connected");
                ClusterScenario scenario = new ClusterScenario(api, cluster, db, upstream);
                scenario.setUp();
                scenario.rolesAndSessions();
                scenario.changesPropagate(Duration.ofSeconds(1));
                redisGoesAwayAndComesBack(scenario, cluster, redisGate);
                scenario.loadSpreadOverNodesThenSigterm();
            }
        }
    }

    @ParameterizedTest(name = "{0} without Redis")
    @EnumSource(value = TestDatabases.Engine.class, names = {"MYSQL", "POSTGRES"})
    void withoutRedisByPolling(TestDatabases.Engine engine, @TempDir Path dir) throws Exception {
        try (TestDatabase db = engine.create(dir); TcpGate dbGate = TcpGate.inFrontOf(db.dsn());
             MockUpstream upstream = mockUpstream()) {
            Map<String, String> env = sharedEnv(dbGate.route(db.dsn()));
            env.put("SYNC_FREQUENCY", "" + SYNC_SECONDS);
            env.put("MEMORY_CACHE_ENABLED", "true");
            try (Cluster cluster = Cluster.start(home, dir, env, slaveEnv())) {
                ClusterScenario scenario = new ClusterScenario(api, cluster, db, upstream);
                scenario.setUp();
                scenario.rolesAndSessions();
                // A cached entry lives SYNC_FREQUENCY; allow one more second for the reload on a busy machine.
                scenario.changesPropagate(Duration.ofSeconds(SYNC_SECONDS + 1));
                databaseGoesAwayAndComesBack(scenario, cluster, dbGate);
                scenario.loadSpreadOverNodesThenSigterm();
            }
        }
    }

    /**
     * Redis away: every node logs it once and keeps serving; a change made meanwhile reaches the others once
     * Redis is back (each node catches up when it resubscribes), and changes are instant again after that.
     */
    private void redisGoesAwayAndComesBack(ClusterScenario scenario, Cluster cluster, TcpGate redisGate)
            throws Exception {
        redisGate.cut();
        cluster.awaitEveryStdout("Redis unreachable (");
        for (Cluster.Node node : cluster.nodes()) {
            scenario.chatOk(node); // the database still serves every request
        }
        scenario.setQuotaPerUnit(cluster.master(), 125_000); // the others cannot hear about it now

        long reopened = System.nanoTime();
        redisGate.open();
        cluster.awaitEveryStdout("Redis reachable again");
        long caughtUp = scenario.awaitHardLimitEverywhere(reopened, 8_000, Duration.ofSeconds(15));
        System.out.println("after Redis returned, the change made during the outage showed in " + caughtUp + " ms");
        scenario.setQuotaPerUnitAndMeasure(cluster.slave1(), 500_000, 2_000, Duration.ofSeconds(1));
        for (Cluster.Node node : cluster.nodes()) {
            String out = node.process().stdout();
            assertEquals(1, occurrences(out, "Redis unreachable ("), node.name() + " logs the outage once\n" + out);
            assertEquals(1, occurrences(out, "Redis reachable again"), node.name() + "\n" + out);
        }
    }

    /**
     * The database away for a few seconds: slaves keep serving requests with tokens they have cached (quota held in
     * memory), and the billing of those requests reaches the database once it is back (checked after SIGTERM).
     */
    private void databaseGoesAwayAndComesBack(ClusterScenario scenario, Cluster cluster, TcpGate dbGate)
            throws Exception {
        List<Cluster.Node> slaves = List.of(cluster.slave1(), cluster.slave2());
        for (Cluster.Node node : slaves) {
            scenario.chatOk(node); // the token and its owner are now cached there
        }
        dbGate.cut();
        for (int i = 0; i < 4; i++) {
            for (Cluster.Node node : slaves) {
                scenario.chatOk(node);
            }
        }
        // The slaves batch their writes and judge quota with warm in-memory counters, so they may not even notice
        // the outage while it lasts: what matters is that they served, and that the billing arrives (below).
        dbGate.open();
    }

    private static MockUpstream mockUpstream() {
        return new MockUpstream().script(r -> new MockUpstream.Json(200, UPSTREAM_ANSWER));
    }

    private static Map<String, String> sharedEnv(String sqlDsn) {
        Map<String, String> env = new HashMap<>();
        env.put("SQL_DSN", sqlDsn);
        env.put("SESSION_SECRET", "multi-node-test-secret");
        env.put("SQL_MAX_OPEN_CONNS", "8");
        env.put("SQL_MAX_IDLE_CONNS", "2");
        env.put("GLOBAL_API_RATE_LIMIT", "0");
        return env;
    }

    /** Slaves batch their quota writes and flush only on shutdown, so a SIGTERM must drain them. */
    private static Map<String, String> slaveEnv() {
        return Map.of("BATCH_UPDATE_ENABLED", "true", "BATCH_UPDATE_INTERVAL", "600");
    }

    static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    static Credential root() {
        return Credential.accessToken(Cluster.ROOT_ACCESS_TOKEN);
    }

    static void assertStatus(int expected, HttpResponse<String> response, String what) {
        assertEquals(expected, response.statusCode(), what + " -> " + response.body());
    }

    static boolean listsModel(JsonNode models) {
        for (JsonNode model : models.path("data")) {
            if (MODEL.equals(model.path("id").asText())) {
                return true;
            }
        }
        return false;
    }
}
