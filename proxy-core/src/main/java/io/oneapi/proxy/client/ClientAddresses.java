package io.oneapi.proxy.client;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The client's address for token subnets, rate limits and the admin server. Forwarded headers are believed only
 * from a loopback peer (a reverse proxy on the same host); otherwise any client could claim an address a token's
 * subnet allows. Of {@code X-Forwarded-For} the last entry counts: it is the one that proxy appended, while
 * earlier ones came from the client and may be forged. Only IP literals are accepted, so nothing here resolves a
 * name (this runs on the event loop).
 */
public final class ClientAddresses {
    private ClientAddresses() {
    }

    public static InetAddress of(Channel channel, HttpHeaders headers) {
        if (!(channel.remoteAddress() instanceof InetSocketAddress peer) || peer.getAddress() == null) {
            return null;
        }
        InetAddress address = peer.getAddress();
        if (!address.isLoopbackAddress()) {
            return address;
        }
        String claimed = lastEntry(headers.getAll("X-Forwarded-For"));
        if (claimed == null) {
            claimed = lastEntry(headers.getAll("X-Real-IP"));
        }
        InetAddress forwarded = claimed == null ? null : NetUtil.createInetAddressFromIpAddressString(claimed);
        return forwarded != null ? forwarded : address;
    }

    private static String lastEntry(List<String> values) {
        for (int i = values.size() - 1; i >= 0; i--) {
            String[] hops = values.get(i).split(",");
            for (int j = hops.length - 1; j >= 0; j--) {
                String hop = hops[j].trim();
                if (!hop.isEmpty()) {
                    return hop;
                }
            }
        }
        return null;
    }
}
