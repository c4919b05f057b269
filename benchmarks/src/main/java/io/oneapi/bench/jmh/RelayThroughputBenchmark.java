package io.oneapi.bench.jmh;

import io.oneapi.bench.client.KeepAliveConnection;
import io.oneapi.bench.fixture.ChatFixtures;
import io.oneapi.bench.gateway.BenchGateway;
import io.oneapi.bench.upstream.MockUpstreamServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Relay throughput in one JVM: the real gateway (SQLite, auth and billing on) in front of an in-process mock
 * upstream on loopback, against the same client calling the mock directly. {@code gateway*} / {@code direct*}
 * is the share of the mock's throughput left once the gateway is in the path; both sides share the machine's
 * cores with the client threads, so read ratios, not absolute numbers.
 *
 * <p>Each benchmark thread owns one keep-alive connection to each target and has one request in flight.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 4)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-Xms1g", "-Xmx1g"})
@Threads(8)
public class RelayThroughputBenchmark {
    private static final byte[] DONE = ChatFixtures.DONE_EVENT.getBytes(StandardCharsets.US_ASCII);

    /** The servers, shared by all benchmark threads. */
    @State(Scope.Benchmark)
    public static class Servers {
        /** {@code BATCH_UPDATE_ENABLED}: off is One API's default (billing deltas written per request). */
        @Param({"false"})
        public boolean batchUpdates;

        MockUpstreamServer mock;
        BenchGateway gateway;
        Path dir;

        @Setup(Level.Trial)
        public void start() throws IOException {
            dir = ScratchDirectory.create("relay-bench");
            mock = MockUpstreamServer.start(0, Runtime.getRuntime().availableProcessors(), Duration.ZERO);
            gateway = BenchGateway.start(dir, mock.baseUrl(),
                    Map.of("BATCH_UPDATE_ENABLED", Boolean.toString(batchUpdates)));
        }

        @TearDown(Level.Trial)
        public void stop() throws IOException {
            try {
                gateway.close();
                mock.close();
            } finally {
                ScratchDirectory.delete(dir);
            }
        }
    }

    /** One connection to each target per benchmark thread, with its requests encoded once. */
    @State(Scope.Thread)
    public static class Client {
        KeepAliveConnection viaGateway;
        KeepAliveConnection direct;
        byte[] gatewayUnary;
        byte[] gatewayStream;
        byte[] directUnary;
        byte[] directStream;

        @Setup(Level.Trial)
        public void open(Servers servers) throws IOException {
            int gw = servers.gateway.port();
            int mock = servers.mock.port();
            String key = "sk-" + servers.gateway.key();
            viaGateway = new KeepAliveConnection("127.0.0.1", gw);
            direct = new KeepAliveConnection("127.0.0.1", mock);
            gatewayUnary = KeepAliveConnection.post("127.0.0.1", gw, ChatFixtures.PATH, key,
                    ChatFixtures.chatRequest(false));
            gatewayStream = KeepAliveConnection.post("127.0.0.1", gw, ChatFixtures.PATH, key,
                    ChatFixtures.chatRequest(true));
            // The same headers (Authorization included) so both sides parse the same request.
            directUnary = KeepAliveConnection.post("127.0.0.1", mock, ChatFixtures.PATH, key,
                    ChatFixtures.chatRequest(false));
            directStream = KeepAliveConnection.post("127.0.0.1", mock, ChatFixtures.PATH, key,
                    ChatFixtures.chatRequest(true));
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            viaGateway.close();
            direct.close();
        }
    }

    @Benchmark
    public int gatewayUnary(Client c) throws IOException {
        return c.viaGateway.exchange(c.gatewayUnary);
    }

    @Benchmark
    public int gatewayStream(Client c) throws IOException {
        return streamed(c.viaGateway, c.gatewayStream);
    }

    @Benchmark
    public int directUnary(Client c) throws IOException {
        return c.direct.exchange(c.directUnary);
    }

    @Benchmark
    public int directStream(Client c) throws IOException {
        return streamed(c.direct, c.directStream);
    }

    private static int streamed(KeepAliveConnection connection, byte[] request) throws IOException {
        int bytes = connection.exchange(request);
        if (!connection.lastBodyEndsWith(DONE)) {
            throw new IOException("stream did not end with data: [DONE]");
        }
        return bytes;
    }
}
