package io.oneapi.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.oneapi.bench.fixture.ChatFixtures;
import io.oneapi.proxy.relay.OpenAiUsageReader;
import io.oneapi.proxy.relay.SseSplitter;
import io.oneapi.spi.Usage;
import java.util.List;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the relay does to every pass-through stream besides forwarding it: split a typical chat stream (20
 * upstream writes: 19 deltas, the usage chunk and {@code [DONE]}) into events, and read usage and generated
 * text from each. Time is per whole stream. {@code reads}: {@code writes} feeds one buffer per upstream write,
 * {@code coalesced} the whole stream as one buffer (a burst read at once).
 */
@State(Scope.Thread)
public class SseSplitterBenchmark extends MicroBenchmark {
    @Param({"writes", "coalesced"})
    public String reads;

    private final ByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;
    private ByteBuf[] chunks;
    private int events;

    @Setup(Level.Trial)
    public void setUp() {
        List<byte[]> parts = reads.equals("writes") ? ChatFixtures.streamWrites()
                : List.of(ChatFixtures.streamBytes());
        chunks = new ByteBuf[parts.size()];
        for (int i = 0; i < chunks.length; i++) {
            chunks[i] = alloc.directBuffer(parts.get(i).length).writeBytes(parts.get(i));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        for (ByteBuf chunk : chunks) {
            chunk.release();
        }
    }

    /** Splitting and usage reading together, as the stream forwarder does. */
    @Benchmark
    public Usage splitAndReadUsage() {
        OpenAiUsageReader reader = new OpenAiUsageReader();
        try (SseSplitter splitter = new SseSplitter(alloc, false)) {
            for (ByteBuf chunk : chunks) {
                splitter.feed(chunk, (event, data) -> reader.read(data));
            }
            splitter.finish((event, data) -> reader.read(data));
        }
        return reader.usage();
    }

    /** Splitting alone. */
    @Benchmark
    public int splitOnly() {
        events = 0;
        try (SseSplitter splitter = new SseSplitter(alloc, false)) {
            for (ByteBuf chunk : chunks) {
                splitter.feed(chunk, (event, data) -> events++);
            }
            splitter.finish((event, data) -> events++);
        }
        return events;
    }
}
