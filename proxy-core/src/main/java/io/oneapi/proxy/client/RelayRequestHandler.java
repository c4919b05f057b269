package io.oneapi.proxy.client;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import io.oneapi.proxy.auth.TokenAuthenticator;
import io.oneapi.proxy.auth.TokenChecks;
import io.oneapi.proxy.relay.AuthorizedRequest;
import io.oneapi.proxy.relay.RelayFlow;
import io.oneapi.proxy.relay.RelayServices;
import io.oneapi.proxy.relay.RequestFacts;
import io.oneapi.proxy.relay.RequestSniffer;
import io.oneapi.proxy.relay.RequestValidation;
import io.oneapi.proxy.route.RoutedChannel;
import io.oneapi.storage.ProviderChannel;
import io.oneapi.storage.User;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a client connection: routes each aggregated request, authenticates it and starts a
 * {@link RelayFlow}. One request is served at a time per connection. The connection keeps reading while one runs
 * (turning reads off and on would cost two {@code epoll_ctl} calls per request, and reading notices a client that
 * leaves); a request that arrives meanwhile (HTTP pipelining) waits in order, and reading pauses until the queue is
 * served, so a pipelining client cannot queue unbounded work.
 */
public final class RelayRequestHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(RelayRequestHandler.class);

    private final RelayServices services;
    private final TokenAuthenticator authenticator;
    private final ProxyEndpoints endpoints;
    private final RequestGauge gauge;
    private final ArrayDeque<FullHttpRequest> waiting = new ArrayDeque<>(2);
    private RelayFlow flow;
    private boolean busy;

    public RelayRequestHandler(RelayServices services, TokenAuthenticator authenticator, ProxyEndpoints endpoints,
                               RequestGauge gauge) {
        this.services = services;
        this.authenticator = authenticator;
        this.endpoints = endpoints;
        this.gauge = gauge;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        gauge.connectionOpened(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof FullHttpRequest request)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (busy) {
            waiting.addLast(request); // pipelined: served in order once the current one is answered
            ctx.channel().config().setAutoRead(false);
            return;
        }
        serve(ctx, request);
    }

    private void serve(ChannelHandlerContext ctx, FullHttpRequest request) {
        long start = System.nanoTime();
        String requestId = RequestIds.next();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (request.decoderResult().isFailure()) {
            request.release();
            Responses.error(ctx, false, OpenAiError.invalidRequest(400, "bad_request",
                    "Malformed HTTP request."), requestId);
            return;
        }
        busy = true;
        gauge.requestStarted();
        try {
            dispatch(ctx, request, requestId, start, keepAlive);
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure handling request {}", requestId, e);
            ReferenceCountUtil.safeRelease(request);
            finish(ctx);
            Responses.error(ctx, false, OpenAiError.gateway(500, "internal_error",
                    "The gateway failed to handle the request."), requestId);
        }
    }

    private void dispatch(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, long start,
                          boolean keepAlive) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        Route route = RouteTable.resolve(request.method(), path);
        switch (route.kind()) {
            case PREFLIGHT -> answerPreflight(ctx, request, requestId, keepAlive);
            case HEALTH -> answerAndFinish(ctx, request, keepAlive, HttpResponseStatus.OK,
                    "{\"success\":true,\"status\":\"ok\"}", requestId);
            case NOT_FOUND -> errorAndFinish(ctx, request, keepAlive, notFound(request, path), requestId);
            case BILLING_SUBSCRIPTION, BILLING_USAGE -> {
                if (endpoints.withinApiRateLimit(clientAddress(ctx, request))) {
                    authenticate(ctx, request, route, path, rawQuery(request.uri()), requestId, start, keepAlive);
                } else {
                    errorAndFinish(ctx, request, keepAlive, new OpenAiError(429,
                            "Too many requests from this address; try again later.", "one_api_error", "",
                            "rate_limit_exceeded"), requestId);
                }
            }
            case OTHER, INTERNAL -> {
                if (endpoints.passOn(ctx, request, route, requestId, () -> finish(ctx))) {
                    return;
                }
                errorAndFinish(ctx, request, keepAlive, notFound(request, path), requestId);
            }
            default -> authenticate(ctx, request, route, path, rawQuery(request.uri()), requestId, start, keepAlive);
        }
    }

    private void authenticate(ChannelHandlerContext ctx, FullHttpRequest request, Route route, String path,
                              String query, String requestId, long start, boolean keepAlive) {
        String authorization = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        CompletableFuture<TokenAuthenticator.Result> future = authenticator.authenticate(authorization,
                clientAddress(ctx, request), System.currentTimeMillis() / 1000);
        Runnable next = () -> {
            TokenAuthenticator.Result result = future.join();
            if (!ctx.channel().isActive()) {
                request.release();
                finish(ctx);
            } else if (!result.ok()) {
                errorAndFinish(ctx, request, keepAlive, result.error(), requestId);
            } else {
                authorized(ctx, request, route, path, query, result, requestId, start, keepAlive);
            }
        };
        if (future.isDone()) {
            next.run();
        } else {
            future.whenComplete((r, e) -> ctx.executor().execute(next));
        }
    }

    private void authorized(ChannelHandlerContext ctx, FullHttpRequest request, Route route, String path,
                            String query, TokenAuthenticator.Result auth, String requestId, long start,
                            boolean keepAlive) {
        switch (route.kind()) {
            case NOT_IMPLEMENTED -> {
                errorAndFinish(ctx, request, keepAlive, new OpenAiError(501, "API not implemented",
                        "one_api_error", "", "api_not_implemented"), requestId);
                return;
            }
            case MODELS, MODEL, BILLING_SUBSCRIPTION, BILLING_USAGE -> {
                request.release();
                endpoints.answerInfo(ctx, route, auth.token(), auth.user(), keepAlive, requestId);
                finish(ctx);
                return;
            }
            default -> {
            }
        }
        String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
        boolean multipart = contentType.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/form-data");
        RequestFacts facts;
        if (route.kind() == Route.Kind.PROXY) {
            facts = RequestFacts.proxy();
        } else {
            facts = RequestValidation.withDefaults(route.mode(), RequestSniffer.sniff(contentType, request.content()),
                    route.argument());
            OpenAiError invalid = RequestValidation.check(route.mode(), facts, multipart);
            if (invalid == null) {
                invalid = TokenChecks.checkModel(auth.token(), facts.model());
            }
            if (invalid != null) {
                errorAndFinish(ctx, request, keepAlive, invalid, requestId);
                return;
            }
        }
        String pin = route.kind() == Route.Kind.PROXY ? route.argument() : auth.key().pinnedChannel();
        RoutedChannel pinned = null;
        if (!pin.isEmpty() || route.kind() == Route.Kind.PROXY) {
            OpenAiError pinError = checkPin(auth.user(), pin);
            if (pinError != null) {
                errorAndFinish(ctx, request, keepAlive, pinError, requestId);
                return;
            }
            pinned = services.router().table().byId(Integer.parseInt(pin));
        }
        AuthorizedRequest authorized = new AuthorizedRequest(auth.token(), auth.user(), facts, pinned);
        String relayPath = route.kind() == Route.Kind.PROXY ? route.target() : path;
        flow = new RelayFlow(services, ctx, request, route.mode(), relayPath, query, authorized, requestId, start,
                keepAlive, () -> {
                    flow = null;
                    finish(ctx);
                });
        flow.start();
    }

    /** Channel pinning ({@code sk-key-<id>} and the proxy route) is for admins only and needs an enabled channel. */
    private OpenAiError checkPin(User user, String pin) {
        if (!user.isAdmin()) {
            return OpenAiError.gateway(403, "channel_pinning_forbidden",
                    "Only administrators may choose a channel.");
        }
        int id;
        try {
            id = Integer.parseInt(pin);
        } catch (NumberFormatException e) {
            return OpenAiError.gateway(400, "invalid_channel_id", "Invalid channel id.");
        }
        RoutedChannel channel = services.router().table().byId(id);
        if (channel == null) {
            return OpenAiError.gateway(400, "invalid_channel_id", "Invalid channel id.");
        }
        if (channel.row().status() != ProviderChannel.STATUS_ENABLED) {
            return OpenAiError.gateway(403, "channel_disabled", "This channel is disabled.");
        }
        return null;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        RelayFlow current = flow;
        flow = null;
        if (current != null) {
            current.clientClosed();
        }
        FullHttpRequest queued;
        while ((queued = waiting.pollFirst()) != null) {
            queued.release();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        RelayFlow current = flow;
        if (current != null) {
            current.clientWritable();
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent && !busy) {
            // A client that opened a connection and sent nothing (or stalled mid-request) for too long.
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof java.io.IOException)) {
            LOG.warn("Client connection error: {}", cause.toString());
        }
        ctx.close();
    }

    private void finish(ChannelHandlerContext ctx) {
        if (busy) {
            gauge.requestFinished();
        }
        busy = false;
        if (!ctx.channel().isActive()) {
            return;
        }
        if (!waiting.isEmpty()) {
            // Later, not nested: finish may run inside serve (an answer given at once).
            ctx.executor().execute(() -> serveNextWaiting(ctx));
        } else if (!ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private void serveNextWaiting(ChannelHandlerContext ctx) {
        if (busy) {
            return;
        }
        FullHttpRequest next = waiting.pollFirst();
        if (next == null) {
            return;
        }
        if (!ctx.channel().isActive()) {
            next.release();
            return;
        }
        serve(ctx, next);
    }

    private void answerPreflight(ChannelHandlerContext ctx, FullHttpRequest request, String requestId,
                                 boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT,
                Unpooled.EMPTY_BUFFER);
        Cors.addPreflight(response.headers(), request.headers().get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS));
        request.release();
        Responses.full(ctx, keepAlive, response, requestId);
        finish(ctx);
    }

    private void answerAndFinish(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive,
                                 HttpResponseStatus status, String json, String requestId) {
        request.release();
        Responses.json(ctx, keepAlive, status, json.getBytes(StandardCharsets.UTF_8), requestId);
        finish(ctx);
    }

    private void errorAndFinish(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive,
                                OpenAiError error, String requestId) {
        request.release();
        Responses.error(ctx, keepAlive, error, requestId);
        finish(ctx);
    }

    private static OpenAiError notFound(FullHttpRequest request, String path) {
        return OpenAiError.invalidRequest(404, "not_found", "Invalid URL (" + request.method() + " " + path + ")");
    }

    private static String rawQuery(String uri) {
        int q = uri.indexOf('?');
        return q < 0 ? "" : uri.substring(q + 1);
    }

    private static InetAddress clientAddress(ChannelHandlerContext ctx, FullHttpRequest request) {
        return ClientAddresses.of(ctx.channel(), request.headers());
    }
}
