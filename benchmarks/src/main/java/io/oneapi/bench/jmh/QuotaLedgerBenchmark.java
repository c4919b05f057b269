package io.oneapi.bench.jmh;

import io.oneapi.proxy.billing.QuotaLedger;
import io.oneapi.proxy.billing.Reservation;
import io.oneapi.proxy.testing.TestGateway;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.Storage;
import io.oneapi.storage.User;
import io.oneapi.storage.billing.BillingSettings;
import io.oneapi.storage.billing.BillingWriter;
import io.oneapi.storage.options.Options;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * The database work billing does for one relayed request on SQLite, without any HTTP: reserve on user and
 * limited token, then settle (quota deltas, used quota and request count, channel used quota, a queued
 * consume log). Its throughput is the ceiling the gateway's request rate cannot pass on SQLite, where every
 * write goes through the one writer connection. Run with {@code -t 1} (the writer alone) and {@code -t 8}
 * (as many callers as the relay's blocking executor has threads).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Benchmark)
public class QuotaLedgerBenchmark {
    private static final long QUOTA = 1_000_000_000_000_000L;

    /** {@code BATCH_UPDATE_ENABLED}: settlement deltas written at once (false) or summed and flushed later. */
    @Param({"false", "true"})
    public boolean batchUpdates;

    private Path dir;
    private TestGateway gateway;
    private BillingWriter writer;
    private QuotaLedger ledger;
    private int userId;
    private int tokenId;
    private int channelId;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = ScratchDirectory.create("ledger-bench");
        gateway = TestGateway.start(dir);
        userId = gateway.user("bench", QUOTA, "default", User.ROLE_COMMON);
        tokenId = gateway.tokenRow(gateway.token(userId, QUOTA, false)).id();
        channelId = gateway.channel("http://127.0.0.1:9", "gpt-3.5-turbo", 0, 1);
        Storage storage = gateway.storage();
        writer = new BillingWriter(storage.users(), storage.tokens(), storage.channels(), storage.logs(),
                BillingSettings.of(batchUpdates, Duration.ofSeconds(1)), Clock.systemUTC());
        Options options = Options.of(Map.of());
        ledger = new QuotaLedger(storage.users(), storage.tokens(), writer, () -> options, Clock.systemUTC());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try {
            writer.close();
            gateway.close();
        } finally {
            ScratchDirectory.delete(dir);
        }
    }

    @Benchmark
    public Reservation reserveAndSettle() {
        Reservation reservation = ledger.reserve(userId, tokenId, false, 2_000);
        LogEntry log = new LogEntry(0, userId, 0, LogEntry.TYPE_CONSUME, "model ratio 0.75", "bench", "t-bench",
                "gpt-3.5-turbo", 0, 460, 38, channelId, "req", 3, false, false);
        ledger.settle(reservation, 1_200, log, channelId);
        return reservation;
    }
}
