package io.oneapi.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.oneapi.bench.fixture.ChatFixtures;
import io.oneapi.proxy.relay.OpenAiUsageReader;
import io.oneapi.spi.Usage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Reading usage and generated text from a unary chat completion, as the relay does before answering.
 * {@code buffer}: {@code composite} is how the relay gathers an upstream body (direct pooled components, so
 * the reader copies it to an array first); {@code heap} shows the cost without that copy.
 */
@State(Scope.Thread)
public class OpenAiUsageReaderBenchmark extends MicroBenchmark {
    @Param({"composite", "heap"})
    public String buffer;

    private ByteBuf body;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] bytes = ChatFixtures.unaryResponse();
        if (buffer.equals("heap")) {
            body = Unpooled.wrappedBuffer(bytes);
            return;
        }
        CompositeByteBuf composite = PooledByteBufAllocator.DEFAULT.compositeBuffer(4);
        int half = bytes.length / 2;
        composite.addComponent(true, PooledByteBufAllocator.DEFAULT.directBuffer(half).writeBytes(bytes, 0, half));
        composite.addComponent(true, PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length - half)
                .writeBytes(bytes, half, bytes.length - half));
        body = composite;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        body.release();
    }

    @Benchmark
    public Usage readUnaryBody() {
        OpenAiUsageReader reader = new OpenAiUsageReader();
        reader.read(body);
        return reader.usage();
    }
}
