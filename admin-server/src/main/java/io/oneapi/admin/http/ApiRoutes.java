package io.oneapi.admin.http;

import io.oneapi.admin.auth.RateLimits;
import io.undertow.Handlers;
import io.undertow.server.HttpHandler;
import io.undertow.server.RoutingHandler;
import io.undertow.server.handlers.BlockingHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the management API's routes (each resource class adds its own) and builds the Undertow handler:
 * worker dispatch, then the global API rate limit, then {@code Handlers.routing()}, then per-route checks.
 */
public final class ApiRoutes {
    private final List<Route> routes = new ArrayList<>();

    public ApiRoutes get(String path, Access access, Endpoint endpoint) {
        return add(new Route("GET", path, access, false, false, endpoint));
    }

    public ApiRoutes post(String path, Access access, Endpoint endpoint) {
        return add(new Route("POST", path, access, false, false, endpoint));
    }

    public ApiRoutes put(String path, Access access, Endpoint endpoint) {
        return add(new Route("PUT", path, access, false, false, endpoint));
    }

    public ApiRoutes delete(String path, Access access, Endpoint endpoint) {
        return add(new Route("DELETE", path, access, false, false, endpoint));
    }

    /** A route under the critical rate limit, optionally behind Turnstile. */
    public ApiRoutes critical(String method, String path, Access access, boolean turnstile, Endpoint endpoint) {
        return add(new Route(method, path, access, true, turnstile, endpoint));
    }

    public ApiRoutes add(Route route) {
        routes.add(route);
        return this;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    public HttpHandler build(ApiContext context) {
        RoutingHandler routing = Handlers.routing();
        for (Route route : routes) {
            EndpointHandler handler = new EndpointHandler(route, context);
            routing.add(route.method(), route.path(), handler);
            if (route.path().length() > 1 && route.path().endsWith("/")) {
                // One API's router redirects "/api/user" to "/api/user/"; answering both is simpler for clients.
                routing.add(route.method(), route.path().substring(0, route.path().length() - 1), handler);
            }
        }
        // One API answers an unknown /api path, or a known one with another method, as it answers an unknown
        // relay path: 404 with an OpenAI error naming the method and path.
        routing.setFallbackHandler(exchange -> Replies.invalidUrl(exchange, context.json()));
        routing.setInvalidMethodHandler(exchange -> Replies.invalidUrl(exchange, context.json()));
        HttpHandler limited = exchange -> {
            if (!context.rateLimits().allow(RateLimits.Kind.API, ClientAddress.of(exchange))) {
                Replies.tooManyRequests(exchange);
                return;
            }
            routing.handleRequest(exchange);
        };
        // JDBC below: every API request leaves the IO thread first.
        return new BlockingHandler(limited);
    }
}
