package io.oneapi.proxy.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.oneapi.proxy.client.OpenAiError;
import io.oneapi.proxy.client.RequestIds;
import io.oneapi.proxy.client.Responses;

/**
 * Aggregates a request body up to a limit; an oversized request gets a 413 in the OpenAI error format
 * (Netty's default answer has an empty body) and the connection is closed, since the rest of the body would
 * still be on the wire.
 */
final class RequestAggregator extends HttpObjectAggregator {
    private final int maxBytes;

    RequestAggregator(int maxBytes) {
        super(maxBytes, true);
        this.maxBytes = maxBytes;
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String requestId = RequestIds.next();
        OpenAiError error = OpenAiError.invalidRequest(413, "request_too_large",
                "The request body is larger than " + maxBytes + " bytes.").withRequestId(requestId);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ctx.alloc().buffer().writeBytes(error.toJson()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        Responses.decorate(response.headers(), requestId);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }
}
