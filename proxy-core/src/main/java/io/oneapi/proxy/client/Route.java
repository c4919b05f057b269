package io.oneapi.proxy.client;

import io.oneapi.spi.RelayMode;

/**
 * What a request path asks for, decided once from method and path.
 *
 * @param mode the relay mode for {@link Kind#RELAY} and {@link Kind#PROXY}, else null
 * @param argument the path model for {@code /v1/engines/:model/embeddings} and {@code /v1/models/:model},
 *                 the channel id for the proxy route, else empty
 * @param target the path after {@code /v1/oneapi/proxy/:id} for the proxy route, else empty
 */
public record Route(Kind kind, RelayMode mode, String argument, String target) {

    public enum Kind {
        HEALTH, PREFLIGHT, MODELS, MODEL, BILLING_SUBSCRIPTION, BILLING_USAGE, RELAY, PROXY, NOT_IMPLEMENTED,
        NOT_FOUND, INTERNAL, OTHER
    }

    static Route of(Kind kind) {
        return new Route(kind, null, "", "");
    }

    static Route relay(RelayMode mode, String pathModel) {
        return new Route(Kind.RELAY, mode, pathModel, "");
    }
}
