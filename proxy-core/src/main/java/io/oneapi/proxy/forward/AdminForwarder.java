package io.oneapi.proxy.forward;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.oneapi.proxy.client.ClientAddresses;
import io.oneapi.proxy.client.OpenAiError;
import io.oneapi.proxy.client.Responses;
import io.oneapi.proxy.upstream.UpstreamCall;
import io.oneapi.proxy.upstream.UpstreamConnector;
import io.oneapi.proxy.upstream.CollectingListener;
import io.oneapi.spi.Header;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Makes the proxy port behave like One API's single origin: paths that are not relay paths ({@code /api/**}
 * and the web UI) go to the admin server, or, on a slave node with {@code FRONTEND_BASE_URL}, page requests
 * are redirected there as One API does.
 */
public final class AdminForwarder {
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-connection",
            "transfer-encoding", "te", "trailer", "upgrade", "content-length", "host");
    private static final int MAX_BODY = 64 * 1024 * 1024;

    private final UpstreamConnector connector;
    private final String adminBase;
    private final String frontendBaseUrl;

    /**
     * @param adminBase {@code http://host:port} of the admin server, or empty when this proxy has none
     * @param frontendBaseUrl where slave nodes redirect page requests, or empty
     */
    public AdminForwarder(UpstreamConnector connector, String adminBase, String frontendBaseUrl) {
        this.connector = connector;
        this.adminBase = trimSlash(adminBase);
        this.frontendBaseUrl = trimSlash(frontendBaseUrl);
    }

    /** Whether this forwarder can do anything at all. */
    public boolean active() {
        return !adminBase.isEmpty() || !frontendBaseUrl.isEmpty();
    }

    /**
     * Answers a non-relay request; owns {@code request}. Returns false (without touching the request) when
     * there is nowhere to send it.
     */
    public boolean forward(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, Runnable done) {
        String path = new QueryStringDecoder(request.uri()).path();
        boolean api = path.equals("/api") || path.startsWith("/api/");
        if (!api && !frontendBaseUrl.isEmpty()) {
            redirect(ctx, request, requestId, done);
            return true;
        }
        if (adminBase.isEmpty()) {
            return false;
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        List<Header> headers = new ArrayList<>();
        for (Map.Entry<String, String> e : request.headers()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (!HOP_BY_HOP.contains(name) && !name.equals("x-forwarded-for") && !name.equals("x-real-ip")) {
                headers.add(new Header(e.getKey(), e.getValue()));
            }
        }
        String host = request.headers().get(HttpHeaderNames.HOST);
        if (host != null) {
            headers.add(new Header("X-Forwarded-Host", host));
        }
        // One address, resolved as the relay resolves it (a reverse proxy in front of us is believed): appending
        // our peer instead would give every client behind nginx nginx's address, and one rate-limit window.
        InetAddress client = ClientAddresses.of(ctx.channel(), request.headers());
        if (client != null) {
            headers.add(new Header("X-Forwarded-For", client.getHostAddress()));
        }
        ByteBuf body = request.content().retain();
        String url = adminBase + request.uri();
        String method = request.method().name();
        request.release();
        try {
            UpstreamCall.start(connector, ctx.channel().eventLoop(), url, method, headers, body, Duration.ofSeconds(60),
                    new CollectingListener(ctx.alloc(), MAX_BODY, new Relay(ctx, keepAlive, requestId, done)));
        } catch (IllegalArgumentException e) {
            Responses.error(ctx, keepAlive, OpenAiError.gateway(502, "admin_unreachable",
                    "The admin server could not be reached."), requestId);
            done.run();
        }
        return true;
    }

    private void redirect(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, Runnable done) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.MOVED_PERMANENTLY, ctx.alloc().buffer(0));
        response.headers().set(HttpHeaderNames.LOCATION, frontendBaseUrl + request.uri());
        request.release();
        Responses.full(ctx, keepAlive, response, requestId);
        done.run();
    }

    private static String trimSlash(String s) {
        String v = s == null ? "" : s.trim();
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        return v;
    }

    /** Hands the admin server's answer to the client with its headers (cookies included). */
    private static final class Relay implements CollectingListener.Receiver {
        private final ChannelHandlerContext ctx;
        private final boolean keepAlive;
        private final String requestId;
        private final Runnable done;

        Relay(ChannelHandlerContext ctx, boolean keepAlive, String requestId, Runnable done) {
            this.ctx = ctx;
            this.keepAlive = keepAlive;
            this.requestId = requestId;
            this.done = done;
        }

        @Override
        public void completed(HttpResponse head, ByteBuf body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, head.status(), body);
            for (Map.Entry<String, String> e : head.headers()) {
                if (!HOP_BY_HOP.contains(e.getKey().toLowerCase(Locale.ROOT))) {
                    response.headers().add(e.getKey(), e.getValue());
                }
            }
            if (ctx.channel().isActive()) {
                Responses.full(ctx, keepAlive, response, requestId);
            } else {
                response.release();
            }
            done.run();
        }

        @Override
        public void failed(Throwable cause) {
            if (ctx.channel().isActive()) {
                Responses.error(ctx, keepAlive, OpenAiError.gateway(502, "admin_unreachable",
                        "The admin server could not be reached."), requestId);
            }
            done.run();
        }
    }
}
