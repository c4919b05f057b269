package io.oneapi.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Three gateways from the tarball on one database, as the seed's multi-server section deploys them: a master
 * running proxy and admin, a slave running proxy and admin, and a slave running only the proxy. Every node has its
 * own working and log directory; slaves redirect pages to the master ({@code FRONTEND_BASE_URL}).
 */
final class Cluster implements AutoCloseable {
    static final String ROOT_ACCESS_TOKEN = "multinode-root-access-0123456789";
    /** Small heaps and the quick compiler: three JVMs share two cores. */
    private static final String JAVA_OPTS = "-Xmx256m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

    /** One gateway process and its ports; {@code adminPort} is 0 on the proxy-only node. */
    record Node(String name, GatewayProcess process, int port, int adminPort) {
        String proxy() {
            return "http://127.0.0.1:" + port;
        }

        String admin() {
            return "http://127.0.0.1:" + adminPort;
        }
    }

    private final List<Node> nodes;

    private Cluster(List<Node> nodes) {
        this.nodes = nodes;
    }

    /**
     * Starts the master, waits until it has migrated and answers, then starts both slaves together.
     *
     * @param env what every node shares (SQL_DSN, SESSION_SECRET, Redis, SYNC_FREQUENCY ...)
     * @param slaveEnv added on the slaves only (e.g. batch updates)
     */
    static Cluster start(Path home, Path dir, Map<String, String> env, Map<String, String> slaveEnv)
            throws IOException, InterruptedException {
        List<Node> started = new ArrayList<>();
        try {
            Node master = node(home, dir, "master", env, Map.of("NODE_TYPE", "master",
                    "INITIAL_ROOT_ACCESS_TOKEN", ROOT_ACCESS_TOKEN), true);
            started.add(master);
            awaitUp(master);
            Map<String, String> slave = new HashMap<>(slaveEnv);
            slave.put("NODE_TYPE", "slave");
            slave.put("FRONTEND_BASE_URL", master.proxy());
            Node slave1 = node(home, dir, "slave1", env, slave, true);
            started.add(slave1);
            Node slave2 = node(home, dir, "slave2", env, slave, false);
            started.add(slave2);
            CompletableFuture<Void> both = CompletableFuture.allOf(
                    CompletableFuture.runAsync(() -> awaitUnchecked(slave1)),
                    CompletableFuture.runAsync(() -> awaitUnchecked(slave2)));
            try {
                both.join();
            } catch (CompletionException e) {
                if (e.getCause() instanceof AssertionError failed) {
                    throw failed;
                }
                throw e;
            }
            return new Cluster(List.copyOf(started));
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            started.forEach(n -> n.process().close());
            throw e;
        }
    }

    private static Node node(Path home, Path dir, String name, Map<String, String> env, Map<String, String> extra,
                             boolean withAdmin) throws IOException {
        Path nodeDir = Files.createDirectories(dir.resolve(name));
        Map<String, String> all = new HashMap<>(env);
        all.putAll(extra);
        all.put("ONE_API_DATA_DIR", nodeDir.toString());
        all.put("JAVA_OPTS", JAVA_OPTS);
        int port = GatewayProcess.freePort();
        int adminPort = withAdmin ? GatewayProcess.freePort() : 0;
        List<String> args = new ArrayList<>(List.of("--port", "" + port, "--log-dir",
                nodeDir.resolve("logs").toString(), "--role", withAdmin ? "all" : "proxy"));
        if (withAdmin) {
            args.addAll(List.of("--admin-port", "" + adminPort));
        }
        GatewayProcess process = GatewayProcess.start(home, nodeDir, nodeDir.resolve("output"), all,
                args.toArray(String[]::new));
        return new Node(name, process, port, adminPort);
    }

    private static void awaitUp(Node node) throws IOException, InterruptedException {
        node.process().awaitOk(node.proxy() + "/health");
        if (node.adminPort() > 0) {
            node.process().awaitOk(node.admin() + "/api/status");
        }
    }

    private static void awaitUnchecked(Node node) {
        try {
            awaitUp(node);
        } catch (IOException e) {
            throw new AssertionError(node.name() + " did not start", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    Node master() {
        return nodes.get(0);
    }

    Node slave1() {
        return nodes.get(1);
    }

    Node slave2() {
        return nodes.get(2);
    }

    List<Node> nodes() {
        return nodes;
    }

    /** Waits until every node's stdout shows {@code text}. */
    void awaitEveryStdout(String text) throws IOException, InterruptedException {
        for (Node node : nodes) {
            node.process().awaitStdout(text);
        }
    }

    /** SIGTERM to every node at once; each must drain and exit 0. */
    void terminateAll() {
        List<CompletableFuture<Void>> stops = nodes.stream().map(n -> CompletableFuture.runAsync(() -> {
            try {
                assertEquals(0, n.process().terminate(), n.name() + "\n" + n.process().output());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        })).toList();
        CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new)).join();
    }

    @Override
    public void close() {
        nodes.forEach(n -> n.process().close());
    }
}
