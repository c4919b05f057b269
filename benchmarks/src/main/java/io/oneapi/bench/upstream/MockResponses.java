package io.oneapi.bench.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.oneapi.bench.fixture.ChatFixtures;
import java.util.ArrayList;
import java.util.List;

/**
 * The mock's answers, encoded once into direct buffers; each response writes a read-only duplicate that
 * ignores release (its own indexes, shared bytes), so serving costs no copy and no allocation of content.
 * The originals are released by {@link #close()}, after the server's event loops have stopped.
 */
final class MockResponses implements AutoCloseable {
    private final List<ByteBuf> originals = new ArrayList<>();
    private final ByteBuf unary;
    private final ByteBuf[] streamWrites;

    MockResponses() {
        unary = shared(ChatFixtures.unaryResponse());
        List<byte[]> writes = ChatFixtures.streamWrites();
        streamWrites = new ByteBuf[writes.size()];
        for (int i = 0; i < streamWrites.length; i++) {
            streamWrites[i] = shared(writes.get(i));
        }
    }

    ByteBuf unary() {
        return unary.duplicate();
    }

    int streamWriteCount() {
        return streamWrites.length;
    }

    ByteBuf streamWrite(int index) {
        return streamWrites[index].duplicate();
    }

    private ByteBuf shared(byte[] bytes) {
        ByteBuf original = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
        originals.add(original);
        return Unpooled.unreleasableBuffer(original.asReadOnly());
    }

    @Override
    public void close() {
        originals.forEach(ByteBuf::release);
        originals.clear();
    }
}
