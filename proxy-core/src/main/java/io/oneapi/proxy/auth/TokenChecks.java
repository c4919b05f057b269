package io.oneapi.proxy.auth;

import io.oneapi.proxy.client.OpenAiError;
import io.oneapi.storage.Token;
import io.oneapi.storage.User;
import java.net.InetAddress;

/**
 * The validation rules of One API's token middleware (inventory section 2.2), as pure functions so the
 * order and the messages are testable without a server. Messages are English; codes are stable.
 */
public final class TokenChecks {
    private TokenChecks() {
    }

    public static OpenAiError missingKey() {
        return OpenAiError.gateway(401, "missing_api_key",
                "No API key provided. Send it as 'Authorization: Bearer sk-...'.");
    }

    public static OpenAiError unknownKey() {
        return OpenAiError.gateway(401, "invalid_api_key", "Invalid API key.");
    }

    public static OpenAiError lookupFailed() {
        return OpenAiError.gateway(401, "token_validation_failed", "The API key could not be validated; try again.");
    }

    /** Status, expiry and remaining quota, in One API's order; null when the token may be used. */
    public static OpenAiError checkToken(Token token, long nowSeconds) {
        if (token.status() == Token.STATUS_EXHAUSTED) {
            return exhausted(token);
        }
        if (token.status() == Token.STATUS_EXPIRED) {
            return expired();
        }
        if (token.status() != Token.STATUS_ENABLED) {
            return OpenAiError.gateway(401, "token_disabled", "This API key is disabled.");
        }
        if (token.expiredTime() != -1 && token.expiredTime() < nowSeconds) {
            return expired();
        }
        if (!token.unlimitedQuota() && token.remainQuota() <= 0) {
            return exhausted(token);
        }
        return null;
    }

    /** The token's subnet allow-list; null when the client address is allowed. */
    public static OpenAiError checkSubnet(Token token, InetAddress client) {
        String spec = token.subnet() == null ? "" : token.subnet().trim();
        if (spec.isEmpty()) {
            return null;
        }
        if (client != null && Subnets.parse(spec).contains(client)) {
            return null;
        }
        return OpenAiError.gateway(403, "ip_not_allowed", "This API key can only be used from " + spec
                + "; current ip: " + (client == null ? "unknown" : client.getHostAddress()));
    }

    /** The owner must exist and be enabled; null when fine. */
    public static OpenAiError checkUser(User user) {
        if (user == null || !user.enabled()) {
            return OpenAiError.gateway(403, "user_banned", "The user owning this API key is disabled.");
        }
        return null;
    }

    /** The token's model allow-list; an empty list or an empty model passes. */
    public static OpenAiError checkModel(Token token, String model) {
        String models = token.models() == null ? "" : token.models().trim();
        if (models.isEmpty() || model.isEmpty()) {
            return null;
        }
        for (String allowed : models.split(",")) {
            if (allowed.trim().equals(model)) {
                return null;
            }
        }
        return OpenAiError.gateway(403, "model_not_allowed", "This API key may not use model " + model + ".");
    }

    private static OpenAiError exhausted(Token token) {
        return OpenAiError.gateway(401, "token_quota_exhausted",
                "The quota of API key " + token.name() + " (#" + token.id() + ") is used up.");
    }

    private static OpenAiError expired() {
        return OpenAiError.gateway(401, "token_expired", "This API key has expired.");
    }
}
