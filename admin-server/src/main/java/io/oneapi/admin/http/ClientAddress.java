package io.oneapi.admin.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The client address used for rate limits and Turnstile. {@code X-Forwarded-For} is believed only when the
 * direct peer is a loopback address: that is the proxy of the same host forwarding the UI and {@code /api}
 * (DESIGN.md section 3); anyone else could forge the header to dodge the limits.
 */
public final class ClientAddress {
    private static final HttpString FORWARDED_FOR = new HttpString("X-Forwarded-For");

    private ClientAddress() {
    }

    public static String of(HttpServerExchange exchange) {
        InetSocketAddress peer = exchange.getSourceAddress();
        InetAddress address = peer == null ? null : peer.getAddress();
        String direct = address == null ? "unknown" : address.getHostAddress();
        if (address != null && address.isLoopbackAddress()) {
            String forwarded = exchange.getRequestHeaders().getLast(FORWARDED_FOR);
            if (forwarded != null && !forwarded.isBlank()) {
                // The last entry is the one our own proxy appended.
                String[] hops = forwarded.split(",");
                return hops[hops.length - 1].trim();
            }
        }
        return direct;
    }
}
