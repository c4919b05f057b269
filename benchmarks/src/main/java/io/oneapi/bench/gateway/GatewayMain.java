package io.oneapi.bench.gateway;

import io.oneapi.bench.cli.Flags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The gateway as its own process for the load script:
 * {@code --port 18083 --upstream http://127.0.0.1:18081 --data-dir DIR --info-file FILE
 * [--batch-updates false] [--options Key=value,Key2=value2]}. Once it relays, it writes {@code <port> <key>} to
 * the info file (atomically) and runs until killed; SIGTERM drains billing and stops it.
 */
public final class GatewayMain {
    private static final List<String> PASSED_ON = List.of("MEMORY_CACHE_ENABLED", "SYNC_FREQUENCY",
            "BATCH_UPDATE_INTERVAL", "RELAY_TIMEOUT");

    private GatewayMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Flags flags = Flags.parse(args, Set.of("port", "upstream", "data-dir", "info-file", "batch-updates",
                "options"));
        Path dir = Path.of(flags.required("data-dir"));
        Files.createDirectories(dir);
        Map<String, String> env = new HashMap<>();
        env.put("PORT", Long.toString(flags.number("port", 0)));
        env.put("BATCH_UPDATE_ENABLED", Boolean.toString(flags.bool("batch-updates", false)));
        // Gateway settings given to this process pass on, so a load run can try them (e.g. MEMORY_CACHE_ENABLED).
        for (String name : PASSED_ON) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
        BenchGateway gateway = BenchGateway.start(dir, flags.required("upstream"), env,
                options(flags.string("options", "")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }, "gateway-stop"));
        Path info = Path.of(flags.required("info-file"));
        Path partial = info.resolveSibling(info.getFileName() + ".tmp");
        Files.writeString(partial, gateway.port() + " " + gateway.key() + "\n", StandardCharsets.US_ASCII);
        Files.move(partial, info, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("gateway listening on " + gateway.port());
        stopped.await();
    }

    /** {@code Key=value,Key2=value2}: One API options, e.g. {@code LogConsumeEnabled=false}. */
    static Map<String, String> options(String list) {
        Map<String, String> options = new HashMap<>();
        for (String pair : list.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--options wants Key=value pairs separated by commas: " + pair);
            }
            options.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
        }
        return options;
    }
}
