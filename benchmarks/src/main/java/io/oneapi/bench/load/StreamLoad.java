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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Many concurrent SSE streams against one target. Per round: open {@code --streams} connections, start one
 * stream on each, spread evenly over {@code --ramp-ms} (kept below a stream's length, so all are open at
 * once: the peak is reported), wait for every stream to end, and check each is complete and ends with
 * {@code data: [DONE]}. Reports time to first byte and, with {@code --rss-pid}, the largest resident set of
 * that process sampled every 50 ms meanwhile.
 *
 * <pre>--url http://127.0.0.1:18083/v1/chat/completions --key K --streams 1000 --ramp-ms 100 --rounds 3
 * --warmup-rounds 1 --rss-pid 1234 --label gateway</pre>
 * Prints one {@code RESULT ...} line per round (warm-up rounds say {@code warmup=true}).
 */
public final class StreamLoad {
    private StreamLoad() {
    }

    public static void main(String[] args) throws InterruptedException {
        Flags flags = Flags.parse(args, Set.of("url", "key", "streams", "ramp-ms", "rounds", "warmup-rounds",
                "timeout-s", "threads", "label", "rss-pid"));
        LoadTarget target = new LoadTarget(flags.required("url"), flags.string("key", ""),
                ChatFixtures.chatRequest(true));
        int streams = (int) flags.number("streams", 1000);
        long rampNanos = TimeUnit.MILLISECONDS.toNanos(flags.number("ramp-ms", 100));
        long timeoutNanos = TimeUnit.SECONDS.toNanos(flags.number("timeout-s", 60));
        int warmups = (int) flags.number("warmup-rounds", 1);
        int rounds = (int) flags.number("rounds", 3);
        long rssPid = flags.number("rss-pid", 0);
        String label = flags.string("label", target.host() + ":" + target.port());
        EventLoopGroup group = Transport.group((int) flags.number("threads", 2), "stream-load");
        try {
            for (int round = 0; round < warmups + rounds; round++) {
                RssSampler rss = rssPid > 0 ? RssSampler.start(rssPid) : null;
                Round result = runRound(group, target, streams, rampNanos, timeoutNanos);
                long rssMaxKb = rss == null ? 0 : rss.stop();
                report(label, round, round < warmups, result, rssMaxKb);
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    private record Stream(Channel channel, StreamReader reader) {
    }

    private record Round(List<StreamReader> readers, int peakOpen) {
    }

    private static Round runRound(EventLoopGroup group, LoadTarget target, int count, long rampNanos,
                                               long timeoutNanos) throws InterruptedException {
        long expectedBytes = ChatFixtures.streamBytes().length;
        AtomicInteger open = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(count);
        List<Stream> streams = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            StreamReader reader = new StreamReader(target, expectedBytes, open, peak, finished);
            streams.add(new Stream(LoadConnections.connect(group, target, false, reader), reader));
        }
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        for (int i = 0; i < count; i++) {
            Stream s = streams.get(i);
            long delay = start + rampNanos * i / count - System.nanoTime();
            s.channel().eventLoop().schedule(() -> s.reader().start(s.channel()), Math.max(0, delay),
                    TimeUnit.NANOSECONDS);
        }
        if (!finished.await(rampNanos + timeoutNanos, TimeUnit.NANOSECONDS)) {
            System.err.println("stream-load: " + finished.getCount() + " streams still open at the timeout");
        }
        for (Stream s : streams) {
            s.channel().close().syncUninterruptibly();
        }
        return new Round(streams.stream().map(Stream::reader).toList(), peak.get());
    }

    private static void report(String label, int round, boolean warmup, Round result, long rssMaxKb) {
        List<StreamReader> readers = result.readers();
        LatencyHistogram ttfb = new LatencyHistogram();
        LatencyHistogram total = new LatencyHistogram();
        int complete = 0;
        for (StreamReader r : readers) {
            if (r.complete()) {
                complete++;
                ttfb.recordNanos(r.timeToFirstByteNanos());
                total.recordNanos(r.durationNanos());
            }
        }
        System.out.println(String.format(Locale.ROOT, "RESULT label=%s round=%d warmup=%s streams=%d complete=%d"
                        + " failed=%d ttfb_p50_us=%d ttfb_p99_us=%d ttfb_max_us=%d stream_p50_ms=%d stream_p99_ms=%d"
                        + " peak_open=%d rss_max_kb=%d",
                label, round, warmup, readers.size(), complete, readers.size() - complete,
                ttfb.percentileMicros(50), ttfb.percentileMicros(99), ttfb.maxMicros(),
                total.percentileMicros(50) / 1000, total.percentileMicros(99) / 1000, result.peakOpen(),
                rssMaxKb));
    }
}
