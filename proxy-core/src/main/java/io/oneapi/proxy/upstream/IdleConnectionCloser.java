package io.oneapi.proxy.upstream;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Closes pooled upstream connections that sat idle; the pool's health check drops closed ones on the next
 * acquire. While a call is running the call handler resets idleness by reading and writing.
 */
final class IdleConnectionCloser extends ChannelDuplexHandler {
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && ctx.pipeline().get(UpstreamConnector.CALL) == null) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    /**
     * A pooled connection between calls (a reset by the upstream's idle timeout, typically) is just closed: left to
     * Netty's tail it is a WARN with a stack trace per connection. During a call the call handler reports it.
     */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) throws Exception {
        if (ctx.pipeline().get(UpstreamConnector.CALL) == null) {
            ctx.close();
            return;
        }
        super.exceptionCaught(ctx, cause);
    }
}
