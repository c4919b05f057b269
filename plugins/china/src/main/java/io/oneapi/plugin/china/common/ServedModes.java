package io.oneapi.plugin.china.common;

import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.RelayMode;
import java.util.Set;

/** Refusing the relay modes a provider does not serve (the core answers 400 with the message). */
public final class ServedModes {
    private ServedModes() {
    }

    public static void require(ExchangeContext context, String provider, Set<RelayMode> served) {
        if (!served.contains(context.mode())) {
            throw new IllegalArgumentException(provider + " channels do not serve " + context.requestPath());
        }
    }
}
