package io.oneapi.proxy.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.oneapi.storage.Token;
import io.oneapi.storage.User;

/** The proxy's non-relay answers: model lists, billing compatibility, and paths handed elsewhere. */
public interface ProxyEndpoints {

    /**
     * {@code GLOBAL_API_RATE_LIMIT} for the billing compatibility routes, per client address, checked before the
     * key as One API does; must not block.
     */
    boolean withinApiRateLimit(java.net.InetAddress client);

    /** Answers {@code /v1/models*} and the {@code /dashboard/billing/*} routes for an authenticated token. */
    void answerInfo(ChannelHandlerContext ctx, Route route, Token token, User user, boolean keepAlive,
                    String requestId);

    /**
     * Takes a non-relay request (admin paths, internal routes) if this proxy knows where it goes; returns
     * false to let the caller answer 404. When it returns true it owns {@code request} and runs {@code done}
     * once the client has the answer.
     */
    boolean passOn(ChannelHandlerContext ctx, FullHttpRequest request, Route route, String requestId, Runnable done);
}
