package io.oneapi.bench.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.oneapi.bench.fixture.ChatFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Answers one connection's requests; a stream is written on the connection's event loop, write by write. */
final class MockUpstreamHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** Read-only and never released; searches leave its indexes alone, so every loop may share it. */
    private static final ByteBuf STREAM_TRUE = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer("\"stream\":true".getBytes(StandardCharsets.US_ASCII)).asReadOnly());

    private final MockResponses responses;
    private final long delayNanos;

    MockUpstreamHandler(MockResponses responses, Duration chunkDelay) {
        this.responses = responses;
        this.delayNanos = chunkDelay.toNanos();
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.method() != HttpMethod.POST || !request.uri().endsWith("/chat/completions")) {
            FullHttpResponse notFound = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
            finish(ctx, notFound, keepAlive);
            return;
        }
        if (asksForStream(request.content())) {
            HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream");
            head.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
            HttpUtil.setTransferEncodingChunked(head, true);
            HttpUtil.setKeepAlive(head, keepAlive);
            ctx.write(head);
            writeChunk(ctx, 0, keepAlive);
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                responses.unary());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        finish(ctx, response, keepAlive);
    }

    /** Writes stream write {@code index}, then schedules the next; ends the response after the last. */
    private void writeChunk(ChannelHandlerContext ctx, int index, boolean keepAlive) {
        if (!ctx.channel().isActive()) {
            return;
        }
        ctx.write(new DefaultHttpContent(responses.streamWrite(index)));
        if (index + 1 == responses.streamWriteCount()) {
            ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);
            ctx.flush();
            if (!keepAlive) {
                ctx.close();
            }
            return;
        }
        ctx.flush();
        if (delayNanos > 0) {
            ctx.executor().schedule(() -> writeChunk(ctx, index + 1, keepAlive), delayNanos, TimeUnit.NANOSECONDS);
        } else {
            writeChunk(ctx, index + 1, keepAlive);
        }
    }

    private static void finish(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** A byte search, not a parse: the mock must stay cheap next to what it is compared with. */
    static boolean asksForStream(ByteBuf body) {
        return ByteBufUtil.indexOf(STREAM_TRUE, body) >= 0;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
