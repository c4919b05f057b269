package io.oneapi.proxy.server;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.oneapi.proxy.client.OpenAiError;
import io.oneapi.proxy.client.RequestIds;
import io.oneapi.proxy.client.Responses;

/**
 * Answers 400 in the OpenAI format when decoding the request failed (a corrupt gzip body, for example),
 * instead of dropping the connection without a word.
 */
final class CodecErrorHandler extends ChannelInboundHandlerAdapter {
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (!(cause instanceof DecoderException)) {
            super.exceptionCaught(ctx, cause);
            return;
        }
        String requestId = RequestIds.next();
        OpenAiError error = OpenAiError.invalidRequest(400, "invalid_request_body",
                "The request could not be decoded: " + rootMessage(cause)).withRequestId(requestId);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                ctx.alloc().buffer().writeBytes(error.toJson()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        Responses.decorate(response.headers(), requestId);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, false);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
