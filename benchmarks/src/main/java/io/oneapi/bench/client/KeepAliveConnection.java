package io.oneapi.bench.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The JMH relay benchmarks' client: one blocking keep-alive HTTP/1.1 connection owned by one benchmark
 * thread. It writes a pre-encoded request and reads the response with a minimal parser (status line,
 * {@code Content-Length} or chunked framing) into one reused buffer: no per-request encoding, no allocation,
 * no hand-off to another thread. So the client costs a few microseconds per request, far below the servers
 * it measures, and the same for the mock reached directly and through the gateway.
 */
public final class KeepAliveConnection implements AutoCloseable {
    private static final int MAX_LINE = 16 * 1024;
    private static final int TAIL = 16;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final byte[] buf = new byte[64 * 1024];
    private final byte[] tail = new byte[TAIL];
    private int pos;
    private int limit;
    private int tailLength;

    public KeepAliveConnection(String host, int port) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), 5_000);
        socket.setSoTimeout(30_000);
        in = socket.getInputStream();
        out = socket.getOutputStream();
    }

    /** Encodes a POST once; {@code bearerKey} null sends no Authorization header. */
    public static byte[] post(String host, int port, String path, String bearerKey, byte[] body) {
        StringBuilder head = new StringBuilder(256)
                .append("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append(':').append(port).append("\r\n")
                .append("Content-Type: application/json\r\n");
        if (bearerKey != null) {
            head.append("Authorization: Bearer ").append(bearerKey).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = Arrays.copyOf(headBytes, headBytes.length + body.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /**
     * Sends {@code request} and reads the whole response.
     *
     * @return the number of body bytes received
     * @throws IOException on a status other than 200, a closed connection or a malformed response
     */
    public int exchange(byte[] request) throws IOException {
        out.write(request);
        out.flush();
        tailLength = 0;
        int status = statusCode(readLine());
        long contentLength = -1;
        boolean chunked = false;
        int lineEnd;
        while ((lineEnd = readLine()) - pos > 2) { // until the blank line
            if (headerIs("content-length:", lineEnd)) {
                contentLength = Long.parseLong(headerValue("content-length:", lineEnd));
            } else if (headerIs("transfer-encoding:", lineEnd)) {
                chunked = headerValue("transfer-encoding:", lineEnd).toLowerCase(java.util.Locale.ROOT)
                        .contains("chunked");
            }
            pos = lineEnd;
        }
        pos = lineEnd;
        int bodyBytes = chunked ? readChunkedBody() : (int) consume(Math.max(0, contentLength));
        if (status != 200) {
            throw new IOException("HTTP " + status + " (" + bodyBytes + " body bytes)");
        }
        if (!chunked && contentLength < 0) {
            throw new IOException("response without Content-Length or chunked framing");
        }
        return bodyBytes;
    }

    /** Whether the last response body ended with {@code suffix} (at most 16 bytes), e.g. {@code data: [DONE]}. */
    public boolean lastBodyEndsWith(byte[] suffix) {
        if (suffix.length > tailLength) {
            return false;
        }
        return Arrays.equals(tail, tailLength - suffix.length, tailLength, suffix, 0, suffix.length);
    }

    private int readChunkedBody() throws IOException {
        int total = 0;
        while (true) {
            int lineEnd = readLine();
            String sizeLine = new String(buf, pos, lineEnd - pos - 2, StandardCharsets.US_ASCII);
            pos = lineEnd;
            int semi = sizeLine.indexOf(';');
            int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
            if (size == 0) {
                while ((lineEnd = readLine()) - pos > 2) {
                    pos = lineEnd; // trailers
                }
                pos = lineEnd;
                return total;
            }
            total += (int) consume(size);
            lineEnd = readLine();
            if (lineEnd != pos + 2) {
                throw new IOException("chunk not followed by CRLF");
            }
            pos = lineEnd;
        }
    }

    /** Skips {@code n} body bytes, remembering the last few. */
    private long consume(long n) throws IOException {
        long left = n;
        while (left > 0) {
            if (pos == limit) {
                pos = 0;
                limit = 0;
                fill();
            }
            int take = (int) Math.min(left, limit - pos);
            remember(pos, take);
            pos += take;
            left -= take;
        }
        return n;
    }

    private void remember(int from, int length) {
        if (length >= TAIL) {
            System.arraycopy(buf, from + length - TAIL, tail, 0, TAIL);
            tailLength = TAIL;
            return;
        }
        int keep = Math.min(tailLength, TAIL - length);
        System.arraycopy(tail, tailLength - keep, tail, 0, keep);
        System.arraycopy(buf, from, tail, keep, length);
        tailLength = keep + length;
    }

    /** Makes sure a whole line starting at {@code pos} is buffered; returns the index just after its LF. */
    private int readLine() throws IOException {
        int scanned = pos;
        while (true) {
            for (int i = scanned; i < limit; i++) {
                if (buf[i] == '\n') {
                    return i + 1;
                }
            }
            scanned = limit;
            if (limit - pos >= MAX_LINE) {
                throw new IOException("response line longer than " + MAX_LINE + " bytes");
            }
            if (pos > 0) {
                System.arraycopy(buf, pos, buf, 0, limit - pos);
                scanned -= pos;
                limit -= pos;
                pos = 0;
            }
            fill();
        }
    }

    private void fill() throws IOException {
        int n = in.read(buf, limit, buf.length - limit);
        if (n < 0) {
            throw new IOException("connection closed by the server");
        }
        limit += n;
    }

    private int statusCode(int lineEnd) throws IOException {
        // "HTTP/1.1 200 OK"
        if (lineEnd - pos < 12 || buf[pos] != 'H') {
            throw new IOException("not an HTTP status line");
        }
        int code = (buf[pos + 9] - '0') * 100 + (buf[pos + 10] - '0') * 10 + (buf[pos + 11] - '0');
        pos = lineEnd;
        return code;
    }

    private boolean headerIs(String lowerName, int lineEnd) {
        if (lineEnd - pos < lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            if (Character.toLowerCase((char) buf[pos + i]) != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String headerValue(String lowerName, int lineEnd) {
        return new String(buf, pos + lowerName.length(), lineEnd - pos - lowerName.length(),
                StandardCharsets.US_ASCII).trim();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
