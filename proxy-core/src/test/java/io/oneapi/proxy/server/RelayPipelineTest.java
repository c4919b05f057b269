package io.oneapi.proxy.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The client pipeline in an {@link EmbeddedChannel}: codec, request inflation, bounded aggregation and the
 * codec error answer, with a recording handler in place of the relay handler.
 */
class RelayPipelineTest {
    private final List<FullHttpRequest> seen = new ArrayList<>();

    private EmbeddedChannel channel(int maxBytes) {
        ChannelHandler recorder = new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                FullHttpRequest request = (FullHttpRequest) msg;
                seen.add(request.retainedDuplicate());
                request.release();
                FullHttpResponse ok = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.EMPTY_BUFFER);
                HttpUtil.setContentLength(ok, 0);
                ctx.writeAndFlush(ok);
            }
        };
        EmbeddedChannel ch = new EmbeddedChannel();
        new RelayChannelInitializer(maxBytes, 60, () -> recorder).configure(ch.pipeline());
        return ch;
    }

    private static String responseOf(EmbeddedChannel ch) {
        StringBuilder out = new StringBuilder();
        ByteBuf buf;
        while ((buf = ch.readOutbound()) != null) {
            out.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return out.toString();
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    @Test
    void aggregatesABodySentInPieces() {
        EmbeddedChannel ch = channel(1024);
        ch.writeInbound(ascii("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\nhello"));
        ch.writeInbound(ascii(" world"));
        assertEquals(1, seen.size());
        assertEquals("hello world", seen.get(0).content().toString(StandardCharsets.UTF_8));
        assertTrue(responseOf(ch).startsWith("HTTP/1.1 200"));
        seen.forEach(FullHttpRequest::release);
        ch.finishAndReleaseAll();
    }

    @Test
    void inflatesGzipBodies() throws Exception {
        java.io.ByteArrayOutputStream packed = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(packed)) {
            gz.write("{\"model\":\"m\"}".getBytes(StandardCharsets.UTF_8));
        }
        byte[] body = packed.toByteArray();
        EmbeddedChannel ch = channel(1024);
        ch.writeInbound(Unpooled.wrappedBuffer(ascii("POST /v1/x HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\n"
                + "Content-Length: " + body.length + "\r\n\r\n"), Unpooled.wrappedBuffer(body)));
        assertEquals("{\"model\":\"m\"}", seen.get(0).content().toString(StandardCharsets.UTF_8));
        seen.forEach(FullHttpRequest::release);
        ch.finishAndReleaseAll();
    }

    @Test
    void oversizedBodiesGetAn413InOpenAiFormatAndTheConnectionCloses() {
        EmbeddedChannel ch = channel(10);
        ch.writeInbound(ascii("POST /v1/x HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"));
        String response = responseOf(ch);
        assertTrue(response.startsWith("HTTP/1.1 413"), response);
        assertTrue(response.contains("\"code\":\"request_too_large\""), response);
        assertTrue(response.contains("X-Oneapi-Request-Id"), response);
        assertFalse(ch.isOpen());
        assertTrue(seen.isEmpty());
        ch.finishAndReleaseAll();
    }

    @Test
    void corruptGzipNeverReachesTheRelayAsIfItWerePlain() {
        EmbeddedChannel ch = channel(1024);
        try {
            ch.writeInbound(ascii("POST /v1/x HTTP/1.1\r\nHost: x\r\nContent-Encoding: gzip\r\nContent-Length: 9\r\n\r\n"
                    + "not gzip!"));
        } catch (RuntimeException expected) {
            // EmbeddedChannel rethrows what the pipeline did not handle; the answer below is what counts.
        }
        String response = responseOf(ch);
        if (seen.isEmpty()) {
            assertTrue(response.startsWith("HTTP/1.1 400"), response);
            assertTrue(response.contains("invalid_request_body"), response);
        } else {
            assertFalse(seen.get(0).content().toString(StandardCharsets.ISO_8859_1).contains("not gzip"),
                    "undecodable bytes must not be handed on as the body");
        }
        seen.forEach(FullHttpRequest::release);
        ch.finishAndReleaseAll();
    }

    @Test
    void pipelineNamesEveryHandlerInOrder() {
        EmbeddedChannel ch = channel(1024);
        List<String> names = ch.pipeline().names();
        int idle = names.indexOf(RelayChannelInitializer.IDLE);
        assertTrue(idle >= 0);
        assertEquals(List.of(RelayChannelInitializer.IDLE, RelayChannelInitializer.HTTP, RelayChannelInitializer.INFLATE,
                        RelayChannelInitializer.AGGREGATE, RelayChannelInitializer.ERRORS, RelayChannelInitializer.RELAY),
                names.subList(idle, idle + 6));
        assertNotNull(ch.pipeline().get(RelayChannelInitializer.RELAY));
        ch.finishAndReleaseAll();
    }

    @Test
    void theUpstreamClientCodecRoundTripsAStreamHead() {
        // Sanity check of the head the relay writes for streams, decoded as a client would.
        EmbeddedChannel client = new EmbeddedChannel(new HttpClientCodec(), new HttpObjectAggregator(1 << 20));
        EmbeddedChannel server = new EmbeddedChannel(new io.netty.handler.codec.http.HttpServerCodec());
        server.writeInbound(ascii("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        Object req = server.readInbound();
        io.netty.util.ReferenceCountUtil.release(req);
        server.writeOutbound(io.oneapi.proxy.client.Responses.streamHead("rid"));
        server.writeOutbound(io.netty.handler.codec.http.LastHttpContent.EMPTY_LAST_CONTENT);
        client.writeOutbound(new io.netty.handler.codec.http.DefaultFullHttpRequest(HttpVersion.HTTP_1_1,
                io.netty.handler.codec.http.HttpMethod.GET, "/"));
        io.netty.util.ReferenceCountUtil.release(client.readOutbound());
        ByteBuf wire;
        while ((wire = server.readOutbound()) != null) {
            client.writeInbound(wire);
        }
        FullHttpResponse response = client.readInbound();
        assertEquals("text/event-stream", response.headers().get("Content-Type"));
        assertEquals("no", response.headers().get("X-Accel-Buffering"));
        assertEquals("rid", response.headers().get("X-Oneapi-Request-Id"));
        response.release();
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
    }
}
