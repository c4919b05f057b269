package io.oneapi.plugin.assorted.common;

import io.oneapi.spi.ExchangeContext;
import io.oneapi.spi.RelayMode;

/** Refusing the relay modes a provider does not serve. */
public final class ServedModes {
    private ServedModes() {
    }

    /** Throws for anything but chat completions; the core answers 400 with the message. */
    public static void requireChat(ExchangeContext context, String provider) {
        if (context.mode() != RelayMode.CHAT_COMPLETIONS) {
            throw new IllegalArgumentException(provider + " serve chat completions only, not "
                    + context.requestPath());
        }
    }
}
