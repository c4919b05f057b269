package io.oneapi.proxy.fetch;

import java.net.InetAddress;

/**
 * Which resolved addresses a user-supplied URL may reach: public unicast only. Refused are the IPv4
 * special-purpose ranges (this network, private, CGNAT, loopback, link-local with the cloud metadata
 * address 169.254.169.254, IETF protocol assignments, documentation, benchmarking, multicast, reserved,
 * broadcast) and the IPv6 ones (unspecified, loopback, discard, Teredo and other IETF assignments,
 * documentation, ULA with fd00:ec2::254, link-local, site-local, multicast). IPv6 forms that embed an
 * IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the embedded address.
 */
final class AddressRules {

    private AddressRules() {
    }

    /** True when a fetch may connect to {@code address}. */
    static boolean allowed(InetAddress address, boolean loopbackAllowed) {
        byte[] b = address.getAddress();
        return b.length == 4 ? allowedV4(b, 0, loopbackAllowed) : allowedV6(b, loopbackAllowed);
    }

    private static boolean allowedV4(byte[] b, int at, boolean loopbackAllowed) {
        int a0 = b[at] & 0xff;
        int a1 = b[at + 1] & 0xff;
        int a2 = b[at + 2] & 0xff;
        if (a0 == 127) {
            return loopbackAllowed;
        }
        return !(a0 == 0                                  // this network
                || a0 == 10                               // private
                || a0 == 100 && (a1 & 0xc0) == 64         // CGNAT 100.64.0.0/10
                || a0 == 169 && a1 == 254                 // link-local, cloud metadata
                || a0 == 172 && (a1 & 0xf0) == 16         // private 172.16.0.0/12
                || a0 == 192 && a1 == 0 && a2 == 0        // IETF protocol assignments (incl. 192.0.0.192)
                || a0 == 192 && a1 == 0 && a2 == 2        // TEST-NET-1
                || a0 == 192 && a1 == 88 && a2 == 99      // 6to4 relay anycast
                || a0 == 192 && a1 == 168                 // private
                || a0 == 198 && (a1 & 0xfe) == 18         // benchmarking 198.18.0.0/15
                || a0 == 198 && a1 == 51 && a2 == 100     // TEST-NET-2
                || a0 == 203 && a1 == 0 && a2 == 113      // TEST-NET-3
                || a0 >= 224);                            // multicast, reserved, broadcast
    }

    private static boolean allowedV6(byte[] b, boolean loopbackAllowed) {
        if (zeros(b, 0, 10)) {
            boolean mapped = (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
            if (mapped) {
                return allowedV4(b, 12, loopbackAllowed);
            }
            if (zeros(b, 10, 2)) {
                if (zeros(b, 12, 3) && (b[15] & 0xff) <= 1) {
                    // :: is unspecified, ::1 is loopback.
                    return b[15] == 1 && loopbackAllowed;
                }
                return allowedV4(b, 12, loopbackAllowed); // IPv4-compatible (deprecated)
            }
            return false;
        }
        int w0 = word(b, 0);
        int w1 = word(b, 2);
        if (w0 == 0x0064 && w1 == 0xff9b) {
            // NAT64: the well-known prefix 64:ff9b::/96 embeds a public IPv4 address; 64:ff9b:1::/48 is local.
            return zeros(b, 4, 8) && allowedV4(b, 12, false);
        }
        if (w0 == 0x2002) {
            return allowedV4(b, 2, false); // 6to4
        }
        return !(w0 == 0x0100 && zeros(b, 2, 6)           // discard-only 100::/64
                || w0 == 0x2001 && w1 < 0x0200            // IETF protocol assignments incl. Teredo 2001::/32
                || w0 == 0x2001 && w1 == 0x0db8           // documentation
                || w0 == 0x3fff && (w1 & 0xf000) == 0        // documentation 3fff::/20
                || (w0 & 0xfe00) == 0xfc00                // unique local, incl. fd00:ec2::254
                || (w0 & 0xffc0) == 0xfe80                // link-local
                || (w0 & 0xffc0) == 0xfec0                // site-local (deprecated)
                || (w0 & 0xff00) == 0xff00                // multicast
                || (w0 & 0xe000) != 0x2000);              // everything outside global unicast 2000::/3
    }

    private static int word(byte[] b, int at) {
        return (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static boolean zeros(byte[] b, int from, int count) {
        for (int i = from; i < from + count; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
