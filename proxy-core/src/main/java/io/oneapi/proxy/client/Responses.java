package io.oneapi.proxy.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;

/** Writes responses to the client with the headers every relay response carries. */
public final class Responses {
    public static final AsciiString REQUEST_ID = AsciiString.cached("X-Oneapi-Request-Id");
    private static final AsciiString JSON = AsciiString.cached("application/json");
    private static final AsciiString EVENT_STREAM = AsciiString.cached("text/event-stream");
    private static final AsciiString NO_CACHE = AsciiString.cached("no-cache");
    private static final AsciiString X_ACCEL_BUFFERING = AsciiString.cached("X-Accel-Buffering");
    private static final AsciiString NO = AsciiString.cached("no");

    private Responses() {
    }

    /** Adds CORS and request-id headers (every response, errors included). */
    public static void decorate(HttpHeaders headers, String requestId) {
        headers.set(REQUEST_ID, requestId);
        Cors.addTo(headers);
    }

    /** Writes a complete JSON response and honours keep-alive. */
    public static void json(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status,
                                     ByteBuf body, String requestId) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, JSON);
        full(ctx, keepAlive, response, requestId);
    }

    public static void json(ChannelHandlerContext ctx, boolean keepAlive, HttpResponseStatus status, byte[] body,
                            String requestId) {
        json(ctx, keepAlive, status, Unpooled.wrappedBuffer(body), requestId);
    }

    /** Writes an OpenAI error; the message gets the request id. */
    public static void error(ChannelHandlerContext ctx, boolean keepAlive, OpenAiError error, String requestId) {
        byte[] body = error.withRequestId(requestId).toJson();
        json(ctx, keepAlive, HttpResponseStatus.valueOf(error.status()), body, requestId);
    }

    /**
     * Writes any full response with the standard headers. A kept-alive connection's write takes the void promise:
     * no promise object and no promise combining in the encoder per response (a failed write still closes the
     * connection through the pipeline's exception path).
     */
    public static void full(ChannelHandlerContext ctx, boolean keepAlive, FullHttpResponse response,
                            String requestId) {
        decorate(response.headers(), requestId);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        if (keepAlive) {
            ctx.writeAndFlush(response, ctx.voidPromise());
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** The head of an SSE response (chunked, no buffering by proxies). */
    public static HttpResponse streamHead(String requestId) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        HttpHeaders headers = head.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM);
        headers.set(HttpHeaderNames.CACHE_CONTROL, NO_CACHE);
        headers.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        headers.set(X_ACCEL_BUFFERING, NO);
        decorate(headers, requestId);
        return head;
    }
}
