package io.oneapi.admin.http;

import io.oneapi.admin.auth.AuthResult;
import io.oneapi.admin.auth.RateLimits;
import io.oneapi.storage.ConstraintViolationException;
import io.oneapi.storage.User;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one route on a worker thread in One API's middleware order: critical rate limit, Turnstile,
 * authentication and role check, then the route itself; writes the envelope. Refusals follow inventory
 * section 7.1: 401 without credentials, 200 with {@code success:false} otherwise, 429 with no body.
 */
final class EndpointHandler implements HttpHandler {
    private static final Logger log = LoggerFactory.getLogger(EndpointHandler.class);

    static final String NOT_LOGGED_IN = "Unauthorized: not logged in and no access token provided";
    static final String INVALID_TOKEN = "Unauthorized: invalid access token";
    static final String BANNED = "User has been banned";
    static final String NO_PERMISSION = "Unauthorized: insufficient permissions";

    private final Route route;
    private final ApiContext context;

    EndpointHandler(Route route, ApiContext context) {
        this.route = route;
        this.context = context;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (CrossSite.isCrossSite(exchange)) {
            Replies.json(exchange, 403, context.json().write(Envelope.fail(CrossSite.REFUSED)));
            return;
        }
        ApiRequest request = new ApiRequest(exchange, context);
        if (route.critical() && !context.rateLimits().allow(RateLimits.Kind.CRITICAL, request.clientIp())) {
            Replies.tooManyRequests(exchange);
            return;
        }
        Envelope reply;
        int status = 200;
        try {
            admit(request);
            reply = route.endpoint().handle(request);
        } catch (ApiFailure failure) {
            status = failure.status();
            reply = Envelope.fail(failure.getMessage());
        } catch (ConstraintViolationException e) {
            // A unique value taken between our check and the insert (two registrations racing).
            reply = Envelope.fail("the value is already in use, please try another one");
        } catch (Exception | AssertionError e) {
            log.error("{} {} failed", route.method(), route.path(), e);
            status = 500;
            reply = Envelope.fail("internal server error");
        }
        Replies.json(exchange, status, context.json().write(reply));
    }

    /** Returns when the request may proceed, else throws the refusal. */
    private void admit(ApiRequest request) {
        if (route.turnstile() && context.turnstile().enabled() && !request.session().turnstilePassed()) {
            String token = request.query("turnstile");
            if (token.isEmpty()) {
                throw new ApiFailure("Turnstile token is empty");
            }
            if (!context.turnstile().verify(token, request.clientIp())) {
                throw new ApiFailure("Turnstile verification failed, please refresh and try again!");
            }
            request.saveSession(request.session().withTurnstilePassed());
        }
        if (!route.access().needsCaller()) {
            return;
        }
        AuthResult auth = request.authenticate();
        switch (auth.kind()) {
            case ANONYMOUS:
                throw new ApiFailure(401, NOT_LOGGED_IN);
            case INVALID_TOKEN:
                throw new ApiFailure(INVALID_TOKEN);
            case BANNED:
                request.clearSession();
                throw new ApiFailure(BANNED);
            default:
                break;
        }
        User user = auth.user();
        if (user.role() < route.access().minRole()) {
            throw new ApiFailure(NO_PERMISSION);
        }
    }
}
