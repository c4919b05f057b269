package io.oneapi.bench.upstream;

import io.oneapi.bench.cli.Flags;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The mock upstream as its own process for the load script:
 * {@code --port 18081 --threads 2 --chunk-delay-ms 10}. Prints {@code mock upstream listening on <port>}
 * and runs until killed.
 */
public final class MockUpstreamMain {
    private MockUpstreamMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Flags flags = Flags.parse(args, Set.of("port", "threads", "chunk-delay-ms"));
        MockUpstreamServer server = MockUpstreamServer.start((int) flags.number("port", 0),
                (int) flags.number("threads", Runtime.getRuntime().availableProcessors()),
                Duration.ofMillis(flags.number("chunk-delay-ms", 10)));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "mock-upstream-stop"));
        System.out.println("mock upstream listening on " + server.port());
        stopped.await();
    }
}
