package io.oneapi.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.oneapi.bench.fixture.ChatFixtures;
import io.oneapi.proxy.relay.RequestFacts;
import io.oneapi.proxy.relay.RequestSniffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The relay's per-request read of {@code model}, {@code stream} and {@code max_tokens} from a ~2 KB chat body
 * held in a pooled direct buffer, as the aggregated request arrives.
 */
@State(Scope.Thread)
public class RequestSnifferBenchmark extends MicroBenchmark {
    private ByteBuf body;

    @Setup(Level.Trial)
    public void setUp() {
        byte[] bytes = ChatFixtures.chatRequest(false);
        body = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length).writeBytes(bytes);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        body.release();
    }

    @Benchmark
    public RequestFacts sniffChatBody() {
        return RequestSniffer.sniff("application/json", body);
    }
}
