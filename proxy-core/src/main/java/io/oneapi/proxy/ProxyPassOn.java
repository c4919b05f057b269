package io.oneapi.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.oneapi.proxy.client.InfoEndpoints;
import io.oneapi.proxy.forward.AdminForwarder;
import io.oneapi.proxy.internal.InternalEndpoints;
import io.oneapi.proxy.client.ProxyEndpoints;
import io.oneapi.proxy.client.Route;
import io.oneapi.storage.Token;
import io.oneapi.storage.User;

/** The proxy's non-relay answers: info routes from memory, other paths to the admin server. */
final class ProxyPassOn implements ProxyEndpoints {
    private final InfoEndpoints info;
    private final AdminForwarder admin;
    private final InternalEndpoints internal;
    private final ApiRateLimit apiRateLimit;

    ProxyPassOn(InfoEndpoints info, AdminForwarder admin, InternalEndpoints internal, ApiRateLimit apiRateLimit) {
        this.info = info;
        this.admin = admin;
        this.internal = internal;
        this.apiRateLimit = apiRateLimit;
    }

    @Override
    public boolean withinApiRateLimit(java.net.InetAddress client) {
        return apiRateLimit.allow(client);
    }

    @Override
    public void answerInfo(ChannelHandlerContext ctx, Route route, Token token, User user, boolean keepAlive,
                           String requestId) {
        info.answer(ctx, route, token, user, keepAlive, requestId);
    }

    @Override
    public boolean passOn(ChannelHandlerContext ctx, FullHttpRequest request, Route route, String requestId,
                          Runnable done) {
        if (route.kind() == Route.Kind.INTERNAL) {
            internal.handle(ctx, request, requestId, done);
            return true;
        }
        return admin.forward(ctx, request, requestId, done);
    }
}
