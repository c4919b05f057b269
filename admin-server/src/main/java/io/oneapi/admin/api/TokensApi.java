package io.oneapi.admin.api;

import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.admin.queries.TokenListing;
import io.oneapi.storage.Keys;
import io.oneapi.storage.Token;
import io.oneapi.storage.TokenStore;
import io.oneapi.storage.User;

import java.time.Clock;

/**
 * API keys (inventory section 7.7). Every route works on the caller's own tokens only: another user's token
 * answers exactly like a missing one, so ids cannot be probed.
 */
public final class TokensApi {
    private final TokenStore tokens;
    private final TokenListing listing;
    private final Clock clock;

    public TokensApi(TokenStore tokens, TokenListing listing, Clock clock) {
        this.tokens = tokens;
        this.listing = listing;
        this.clock = clock;
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/token/", Access.USER, this::list)
                .get("/api/token/search", Access.USER, this::search)
                .get("/api/token/{id}", Access.USER, this::get)
                .post("/api/token/", Access.USER, this::create)
                .put("/api/token/", Access.USER, this::update)
                .delete("/api/token/{id}", Access.USER, this::delete);
    }

    Envelope list(ApiRequest req) {
        return Envelope.ok(listing.page(req.caller().id(), req.query("order"), req.pageOffset(), ApiRequest.PAGE_SIZE));
    }

    Envelope search(ApiRequest req) {
        return Envelope.ok(tokens.searchByUser(req.caller().id(), req.query("keyword").trim()));
    }

    Envelope get(ApiRequest req) {
        return Envelope.ok(own(req.caller(), req.pathInt("id")));
    }

    Envelope create(ApiRequest req) {
        User me = req.caller();
        TokenRequest body = req.body(TokenRequest.class).validated();
        long now = clock.instant().getEpochSecond();
        Token token = new Token(0, me.id(), Keys.tokenKey(), Token.STATUS_ENABLED, body.name(), now, now,
                body.expiredTime() == null ? -1 : body.expiredTime(),
                body.remainQuota() == null ? 0 : body.remainQuota(), Boolean.TRUE.equals(body.unlimitedQuota()), 0,
                body.models(), body.subnet());
        int id = tokens.insert(token);
        return Envelope.ok(tokens.findById(id).orElseThrow());
    }

    /** {@code ?status_only=true} changes only the status; otherwise every field but the status. */
    Envelope update(ApiRequest req) {
        User me = req.caller();
        TokenRequest body = req.body(TokenRequest.class).validated();
        Token current = own(me, body.id() == null ? 0 : body.id());
        if (!req.query("status_only").isEmpty()) {
            int status = body.status() == null ? current.status() : body.status();
            checkStatus(current, status);
            tokens.setStatus(current.id(), status);
        } else {
            tokens.update(new Token(current.id(), current.userId(), current.key(), current.status(), body.name(),
                    current.createdTime(), current.accessedTime(),
                    body.expiredTime() == null ? current.expiredTime() : body.expiredTime(),
                    body.remainQuota() == null ? current.remainQuota() : body.remainQuota(),
                    body.unlimitedQuota() == null ? current.unlimitedQuota() : body.unlimitedQuota(),
                    current.usedQuota(), body.models(), body.subnet()));
        }
        return Envelope.ok(tokens.findById(current.id()).orElseThrow());
    }

    Envelope delete(ApiRequest req) {
        if (!tokens.delete(req.pathInt("id"), req.caller().id())) {
            throw new ApiFailure("token not found");
        }
        return Envelope.ok();
    }

    private void checkStatus(Token current, int status) {
        if (status < Token.STATUS_ENABLED || status > Token.STATUS_EXHAUSTED) {
            throw new ApiFailure("invalid parameters: unknown token status " + status);
        }
        if (status != Token.STATUS_ENABLED) {
            return;
        }
        long now = clock.instant().getEpochSecond();
        if (current.expiredTime() != -1 && current.expiredTime() <= now) {
            throw new ApiFailure("The token has expired and cannot be enabled. Change its expiry time first, "
                    + "or set it to never expire");
        }
        if (!current.unlimitedQuota() && current.remainQuota() <= 0) {
            throw new ApiFailure("The token's quota is used up and it cannot be enabled. Raise its remaining quota "
                    + "first, or make it unlimited");
        }
    }

    private Token own(User me, int id) {
        return tokens.findById(id).filter(t -> t.userId() == me.id())
                .orElseThrow(() -> new ApiFailure("token not found"));
    }
}
