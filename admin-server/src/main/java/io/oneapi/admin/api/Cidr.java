package io.oneapi.admin.api;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** Checks token subnets as One API does ({@code net.ParseCIDR}): an IPv4 or IPv6 address, a slash, a prefix length. */
final class Cidr {
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]+");

    private Cidr() {
    }

    static boolean valid(String cidr) {
        int slash = cidr.indexOf('/');
        if (slash <= 0 || slash != cidr.lastIndexOf('/')) {
            return false;
        }
        String address = cidr.substring(0, slash);
        int bits;
        try {
            bits = Integer.parseInt(cidr.substring(slash + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        if (IPV4.matcher(address).matches()) {
            for (String part : address.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return bits >= 0 && bits <= 32;
        }
        if (address.contains(":") && IPV6.matcher(address).matches()) {
            try {
                // A literal IPv6 address never triggers a DNS lookup.
                InetAddress.getByName("[" + address + "]");
            } catch (UnknownHostException e) {
                return false;
            }
            return bits >= 0 && bits <= 128;
        }
        return false;
    }
}
