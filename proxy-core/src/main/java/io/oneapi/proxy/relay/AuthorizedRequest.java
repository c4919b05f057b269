package io.oneapi.proxy.relay;

import io.oneapi.proxy.route.RoutedChannel;
import io.oneapi.storage.Token;
import io.oneapi.storage.User;

/**
 * A request that passed token authentication: who is asking, with which token, for which model, and the
 * channel pinned by an admin key suffix (null when not pinned).
 */
public record AuthorizedRequest(Token token, User user, RequestFacts facts, RoutedChannel pinned) {
    public String group() {
        return user.group() == null || user.group().isEmpty() ? "default" : user.group();
    }
}
