package io.oneapi.proxy.providers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.oneapi.proxy.relay.AwsEventStreamSplitter;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The core's AWS event-stream decoder against hand-built frames. */
class AwsEventStreamSplitterTest {
    private static final String START = "{\"type\":\"message_start\",\"message\":{\"id\":\"msg_1\"}}";
    private static final String DELTA = "{\"type\":\"content_block_delta\",\"index\":0,"
            + "\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi \\u00e9\"}}";

    private AwsEventStreamSplitter splitter;
    private final List<String> events = new ArrayList<>();

    @BeforeEach
    void create() {
        splitter = new AwsEventStreamSplitter(PooledByteBufAllocator.DEFAULT);
    }

    @AfterEach
    void close() {
        splitter.close();
    }

    private void feed(byte[] bytes, int from, int to) {
        ByteBuf chunk = PooledByteBufAllocator.DEFAULT.buffer(to - from).writeBytes(bytes, from, to - from);
        try {
            int readerIndex = chunk.readerIndex();
            splitter.feed(chunk, (event, data) -> events.add(event + " " + data.toString(StandardCharsets.UTF_8)));
            assertEquals(readerIndex, chunk.readerIndex(), "the caller's chunk is not consumed");
            assertEquals(1, chunk.refCnt(), "the caller's chunk is not released");
        } finally {
            chunk.release();
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static String chunkEvent(String claudeJson) {
        return "chunk {\"bytes\":\"" + Base64.getEncoder().encodeToString(claudeJson.getBytes(StandardCharsets.UTF_8))
                + "\",\"p\":\"abcdefgh\"}";
    }

    @Test
    void decodesWholeMessagesInOneChunk() {
        byte[] stream = concat(EventStreamFrames.chunk(START), EventStreamFrames.chunk(DELTA));
        feed(stream, 0, stream.length);
        assertEquals(List.of(chunkEvent(START), chunkEvent(DELTA)), events);
    }

    @Test
    void decodesAcrossEveryPossibleSplit() {
        byte[] stream = concat(EventStreamFrames.chunk(START), EventStreamFrames.chunk(DELTA),
                EventStreamFrames.exception("throttlingException", "slow down"));
        List<String> expected = List.of(chunkEvent(START), chunkEvent(DELTA),
                "exception:throttlingException {\"message\":\"slow down\"}");
        for (int cut = 1; cut < stream.length; cut++) {
            events.clear();
            feed(stream, 0, cut);
            feed(stream, cut, stream.length);
            assertEquals(expected, events, "split at " + cut);
        }
        events.clear();
        for (int i = 0; i < stream.length; i++) {
            feed(stream, i, i + 1);
        }
        assertEquals(expected, events, "one byte at a time");
    }

    @Test
    void refusesABadPreludeCrc() {
        byte[] frame = EventStreamFrames.chunk(START);
        frame[9] ^= 0x01;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> feed(frame, 0, frame.length));
        assertTrue(e.getMessage().contains("prelude CRC"), e.getMessage());
    }

    @Test
    void refusesABadMessageCrcEvenWhenThePayloadArrivesLater() {
        byte[] frame = EventStreamFrames.chunk(START);
        frame[frame.length - 10] ^= 0x20; // a payload byte
        feed(frame, 0, 20);
        assertTrue(events.isEmpty());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> feed(frame, 20, frame.length));
        assertTrue(e.getMessage().contains("message CRC"), e.getMessage());
        assertTrue(events.isEmpty(), "nothing of a corrupt message is dispatched");
    }

    @Test
    void refusesImpossibleLengthsWithoutWaitingForThem() {
        ByteBuffer prelude = ByteBuffer.allocate(12).putInt(64 * 1024 * 1024).putInt(10);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(prelude.array(), 0, 8);
        prelude.putInt((int) crc.getValue());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> feed(prelude.array(), 0, 12));
        assertTrue(e.getMessage().contains("invalid length"), e.getMessage());
    }

    @Test
    void turnsErrorMessagesIntoJsonAndSkipsHeadersOfOtherTypes() {
        byte[] error = EventStreamFrames.message(Map.of(":message-type", "error", ":error-code", "InternalFailure",
                ":error-message", "bad \"thing\"\nhappened"), new byte[0]);
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        header(headers, "flag", 0, new byte[0]);
        header(headers, "b", 2, new byte[] {5});
        header(headers, "s", 3, new byte[] {0, 5});
        header(headers, "i", 4, new byte[] {0, 0, 0, 5});
        header(headers, "l", 5, new byte[8]);
        header(headers, "raw", 6, new byte[] {0, 3, 1, 2, 3});
        header(headers, ":event-type", 7, concat(new byte[] {0, 5}, "chunk".getBytes(StandardCharsets.US_ASCII)));
        header(headers, "ts", 8, new byte[8]);
        header(headers, "id", 9, new byte[16]);
        byte[] mixed = EventStreamFrames.frame(headers.toByteArray(), "{}".getBytes(StandardCharsets.UTF_8));
        byte[] stream = concat(error, mixed);
        feed(stream, 0, stream.length);
        assertEquals(List.of("error:InternalFailure {\"message\":\"bad \\\"thing\\\"\\nhappened\"}", "chunk {}"), events);
    }

    @Test
    void refusesHeadersOfUnknownType() {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        header(headers, "x", 42, new byte[0]);
        byte[] frame = EventStreamFrames.frame(headers.toByteArray(), new byte[0]);
        assertThrows(IllegalStateException.class, () -> feed(frame, 0, frame.length));
    }

    @Test
    void dropsAnUnfinishedMessageAtTheEnd() {
        byte[] frame = EventStreamFrames.chunk(START);
        feed(frame, 0, frame.length - 3);
        splitter.finish((event, data) -> events.add(event));
        assertTrue(events.isEmpty());
        feed(EventStreamFrames.chunk(DELTA), 0, EventStreamFrames.chunk(DELTA).length);
        assertEquals(List.of(chunkEvent(DELTA)), events, "a reused splitter starts clean");
    }

    private static void header(ByteArrayOutputStream out, String name, int type, byte[] value) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        out.write(bytes.length);
        out.writeBytes(bytes);
        out.write(type);
        out.writeBytes(value);
    }
}
