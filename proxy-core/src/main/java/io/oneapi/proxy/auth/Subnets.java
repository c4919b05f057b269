package io.oneapi.proxy.auth;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/** A token's IP allow-list: comma-separated CIDRs or single addresses, IPv4 and IPv6. */
final class Subnets {
    private final List<Cidr> cidrs;

    private Subnets(List<Cidr> cidrs) {
        this.cidrs = cidrs;
    }

    /** Parses the {@code tokens.subnet} column; invalid entries never match (fail closed). */
    static Subnets parse(String spec) {
        List<Cidr> list = new ArrayList<>();
        for (String part : spec.split(",")) {
            String entry = part.trim();
            if (!entry.isEmpty()) {
                list.add(Cidr.parse(entry));
            }
        }
        return new Subnets(list);
    }

    boolean isEmpty() {
        return cidrs.isEmpty();
    }

    boolean contains(InetAddress address) {
        byte[] ip = address.getAddress();
        for (Cidr cidr : cidrs) {
            if (cidr.contains(ip)) {
                return true;
            }
        }
        return false;
    }

    private record Cidr(byte[] network, int prefix) {
        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            String host = slash < 0 ? text : text.substring(0, slash);
            try {
                // Literals only: a name such as "cafe" would otherwise be looked up in DNS on the event loop.
                byte[] network = io.netty.util.NetUtil.createByteArrayFromIpAddressString(host);
                if (network == null) {
                    return new Cidr(new byte[0], 0);
                }
                int prefix = slash < 0 ? network.length * 8 : Integer.parseInt(text.substring(slash + 1));
                if (prefix < 0 || prefix > network.length * 8) {
                    return new Cidr(new byte[0], 0);
                }
                return new Cidr(network, prefix);
            } catch (NumberFormatException e) {
                return new Cidr(new byte[0], 0);
            }
        }

        boolean contains(byte[] ip) {
            if (network.length == 0 || ip.length != network.length) {
                return false;
            }
            int fullBytes = prefix / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (ip[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (ip[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }
}
