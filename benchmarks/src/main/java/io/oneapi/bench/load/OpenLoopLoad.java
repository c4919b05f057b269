package io.oneapi.bench.load;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.oneapi.bench.cli.Flags;
import io.oneapi.bench.fixture.ChatFixtures;
import io.oneapi.bench.net.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * An open-loop load generator (what {@code wrk2 -R} does; Debian has no wrk2): non-stream chat requests at a
 * fixed total rate over keep-alive connections, each connection on its own schedule. Latency is measured
 * from when a request was <em>due</em>, not when it was sent, so a server that falls behind is charged for the
 * wait it causes (no coordinated omission).
 *
 * <pre>--url http://127.0.0.1:18083/v1/chat/completions --key K --rate 10000 --connections 64
 * --duration-s 20 --warmup-s 5 --label gateway</pre>
 * Prints one line: {@code RESULT label=... rate=... achieved=... p50_us=... p99_us=... ...}, ending with the load
 * generator's own CPU time over the recorded window ({@code client_run_ms}, and {@code client_wait_ms} runnable but
 * without a core: see {@link SchedStat}).
 */
public final class OpenLoopLoad {
    private OpenLoopLoad() {
    }

    public static void main(String[] args) throws InterruptedException {
        Flags flags = Flags.parse(args, Set.of("url", "key", "rate", "connections", "duration-s", "warmup-s",
                "threads", "label"));
        LoadTarget target = new LoadTarget(flags.required("url"), flags.string("key", ""),
                ChatFixtures.chatRequest(false));
        long rate = flags.number("rate", 1000);
        int connections = (int) flags.number("connections", 64);
        long warmupNanos = TimeUnit.SECONDS.toNanos(flags.number("warmup-s", 5));
        long durationNanos = TimeUnit.SECONDS.toNanos(flags.number("duration-s", 20));
        if (rate <= 0 || connections <= 0 || durationNanos <= 0) {
            throw new IllegalArgumentException("--rate, --connections and --duration-s must be positive");
        }
        EventLoopGroup group = Transport.group((int) flags.number("threads", 1), "open-loop");
        try {
            Outcome outcome = run(group, target, rate, connections, warmupNanos, durationNanos);
            report(flags.string("label", target.host() + ":" + target.port()), rate, durationNanos, outcome);
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** The pacers (their histograms) and this process's scheduler time over the recorded window. */
    private record Outcome(List<Pacer> pacers, SchedStat client) {
    }

    private static Outcome run(EventLoopGroup group, LoadTarget target, long rate, int connections,
                                   long warmupNanos, long durationNanos) throws InterruptedException {
        long intervalNanos = connections * 1_000_000_000L / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200 + connections);
        long measureFrom = start + warmupNanos;
        long end = measureFrom + durationNanos;
        CountDownLatch finished = new CountDownLatch(connections);
        List<Pacer> pacers = new ArrayList<>();
        List<Channel> channels = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            // Staggered first sends, so the connections do not fire in lockstep.
            Pacer pacer = new Pacer(target, start + intervalNanos * c / connections, intervalNanos, measureFrom,
                    end, finished);
            pacers.add(pacer);
            channels.add(LoadConnections.connect(group, target, true, pacer));
        }
        for (int c = 0; c < connections; c++) {
            Pacer pacer = pacers.get(c);
            Channel channel = channels.get(c);
            channel.eventLoop().execute(() -> pacer.begin(channel));
        }
        sleepUntil(measureFrom);
        SchedStat atStart = SchedStat.self();
        sleepUntil(end);
        SchedStat client = SchedStat.self().minus(atStart);
        long waitNanos = end - System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        if (!finished.await(waitNanos, TimeUnit.NANOSECONDS)) {
            System.err.println("open-loop: some connections still busy 30 s after the end; reporting anyway");
        }
        channels.forEach(Channel::close);
        return new Outcome(pacers, client);
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        for (long left = nanoTime - System.nanoTime(); left > 0; left = nanoTime - System.nanoTime()) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void report(String label, long rate, long durationNanos, Outcome outcome) {
        List<Pacer> pacers = outcome.pacers();
        LatencyHistogram all = new LatencyHistogram();
        long errors = 0;
        long unsent = 0;
        for (Pacer p : pacers) {
            all.add(p.histogram());
            errors += p.errors();
            unsent += p.unsent();
        }
        double achieved = all.count() / (durationNanos / 1e9);
        System.out.println(String.format(Locale.ROOT, "RESULT label=%s rate=%d achieved=%.0f count=%d errors=%d"
                        + " unsent=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d mean_us=%.0f"
                        + " client_run_ms=%d client_wait_ms=%d",
                label, rate, achieved, all.count(), errors, unsent, all.percentileMicros(50),
                all.percentileMicros(90), all.percentileMicros(99), all.percentileMicros(99.9), all.maxMicros(),
                all.meanMicros(), outcome.client().runNanos() / 1_000_000, outcome.client().waitNanos() / 1_000_000));
    }
}
