package io.oneapi.proxy.providers;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.zip.CRC32;

/** Builds AWS event-stream messages by hand, as Bedrock sends them, for decoder and relay tests. */
public final class EventStreamFrames {

    private EventStreamFrames() {
    }

    /** A Bedrock {@code chunk} event carrying one Claude stream event. */
    public static byte[] chunk(String claudeEventJson) {
        String bytes = Base64.getEncoder().encodeToString(claudeEventJson.getBytes(StandardCharsets.UTF_8));
        return message(Map.of(":message-type", "event", ":event-type", "chunk", ":content-type", "application/json"),
                ("{\"bytes\":\"" + bytes + "\",\"p\":\"abcdefgh\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** A Bedrock exception message, e.g. {@code throttlingException}. */
    public static byte[] exception(String type, String message) {
        return message(Map.of(":message-type", "exception", ":exception-type", type, ":content-type",
                "application/json"), ("{\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    /** A message with string headers (in the given order) and a payload. */
    public static byte[] message(Map<String, String> headers, byte[] payload) {
        ByteArrayOutputStream headerBytes = new ByteArrayOutputStream();
        for (Map.Entry<String, String> header : headers.entrySet()) {
            byte[] name = header.getKey().getBytes(StandardCharsets.UTF_8);
            byte[] value = header.getValue().getBytes(StandardCharsets.UTF_8);
            headerBytes.write(name.length);
            headerBytes.writeBytes(name);
            headerBytes.write(7);
            headerBytes.write(value.length >> 8);
            headerBytes.write(value.length & 0xff);
            headerBytes.writeBytes(value);
        }
        return frame(headerBytes.toByteArray(), payload);
    }

    /** A message from raw header bytes (any header types) and a payload, with correct CRCs. */
    public static byte[] frame(byte[] headers, byte[] payload) {
        int total = 12 + headers.length + payload.length + 4;
        ByteBuffer buf = ByteBuffer.allocate(total);
        buf.putInt(total).putInt(headers.length);
        buf.putInt((int) crc(buf.array(), 0, 8));
        buf.put(headers).put(payload);
        buf.putInt((int) crc(buf.array(), 0, total - 4));
        return buf.array();
    }

    private static long crc(byte[] bytes, int from, int length) {
        CRC32 crc = new CRC32();
        crc.update(bytes, from, length);
        return crc.getValue();
    }
}
