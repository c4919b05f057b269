package io.oneapi.proxy.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.oneapi.proxy.client.OpenAiError;
import io.oneapi.proxy.client.Responses;
import io.oneapi.proxy.relay.ProviderLookup;
import io.oneapi.proxy.relay.RelayServices;
import io.oneapi.proxy.route.ChannelRouter;
import io.oneapi.proxy.route.RoutedChannel;
import io.oneapi.proxy.upstream.UpstreamConnector;
import io.oneapi.spi.BalanceQueries;
import io.oneapi.spi.BalanceQuery;
import io.oneapi.spi.ProviderAdapter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Routes the admin server calls on the proxy, because only the proxy loads provider plugins:
 * {@code POST /internal/channel/test/{id}?model=X} and {@code POST /internal/channel/balance/{id}}.
 * Authenticated by {@code X-OneAPI-Internal}
 * (derived from {@code SESSION_SECRET}); anything else under {@code /internal/} is a 404.
 */
public final class InternalEndpoints {
    static final String HEADER = "X-OneAPI-Internal";
    private static final String TEST_PREFIX = "/internal/channel/test/";
    private static final String BALANCE_PREFIX = "/internal/channel/balance/";

    private final InternalSecret secret;
    private final RelayServices services;
    private final ChannelRouter router;
    private final ProviderLookup providers;
    private final UpstreamConnector connector;
    private final String testPrompt;
    private final Duration timeout;

    /** Uses the relay's own services, so a test goes through the same credentials and settings as traffic. */
    public InternalEndpoints(String sessionSecret, RelayServices services, String testPrompt) {
        this.secret = new InternalSecret(sessionSecret);
        this.services = services;
        this.router = services.router();
        this.providers = services.providers();
        this.connector = services.upstream();
        this.testPrompt = testPrompt;
        this.timeout = services.relayTimeout().isZero() ? Duration.ofSeconds(60) : services.relayTimeout();
    }

    /** Answers an internal request; owns {@code request}; runs {@code done} once answered. */
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request, String requestId, Runnable done) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String presented = request.headers().get(HEADER);
        request.release();
        if (!secret.matches(presented)) {
            Responses.error(ctx, keepAlive, OpenAiError.gateway(401, "unauthorized", "Unauthorized."), requestId);
            done.run();
            return;
        }
        String path = uri.path();
        boolean test = path.startsWith(TEST_PREFIX);
        boolean balance = path.startsWith(BALANCE_PREFIX);
        RoutedChannel channel = test ? channel(path.substring(TEST_PREFIX.length()))
                : balance ? channel(path.substring(BALANCE_PREFIX.length())) : null;
        if (!test && !balance) {
            Responses.error(ctx, keepAlive, OpenAiError.invalidRequest(404, "not_found", "Unknown internal route."),
                    requestId);
            done.run();
        } else if (channel == null) {
            reply(ctx, keepAlive, requestId, "{\"success\":false,\"message\":\"channel not found\"}", done);
        } else if (balance) {
            queryBalance(ctx, keepAlive, requestId, channel, done);
        } else {
            List<String> models = uri.parameters().getOrDefault("model", List.of());
            ChannelTestCall.start(services, ctx.channel().eventLoop(), channel,
                    models.isEmpty() ? "" : models.get(0), testPrompt, timeout,
                    outcome -> reply(ctx, keepAlive, requestId, new String(outcome.toJson(), StandardCharsets.UTF_8),
                            done));
        }
    }

    private void queryBalance(ChannelHandlerContext ctx, boolean keepAlive, String requestId, RoutedChannel channel,
                              Runnable done) {
        ProviderAdapter adapter = providers.adapterFor(channel.type());
        BalanceQuery query = adapter instanceof BalanceQueries queries
                ? queries.newBalanceQuery(channel.toInfo(providers.defaultBaseUrl(channel.type()))) : null;
        if (query == null) {
            reply(ctx, keepAlive, requestId, json(false, "balance queries are not supported for channel type "
                    + channel.type(), 0), done);
            return;
        }
        BalanceCall.start(query, connector, ctx.channel().eventLoop(), timeout,
                outcome -> reply(ctx, keepAlive, requestId, json(outcome.success(), outcome.message(),
                        outcome.balance()), done));
    }

    private static String json(boolean success, String message, double balance) {
        com.fasterxml.jackson.databind.node.ObjectNode node =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.put("success", success);
        node.put("message", message);
        node.put("balance", balance);
        return node.toString();
    }

    private RoutedChannel channel(String id) {
        try {
            return router.table().byId(Integer.parseInt(id));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void reply(ChannelHandlerContext ctx, boolean keepAlive, String requestId, String json,
                              Runnable done) {
        if (ctx.channel().isActive()) {
            Responses.json(ctx, keepAlive, HttpResponseStatus.OK, json.getBytes(StandardCharsets.UTF_8), requestId);
        }
        done.run();
    }
}
