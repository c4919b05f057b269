package io.oneapi.admin.api;

import io.oneapi.admin.http.ApiFailure;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Body of {@code POST/PUT /api/token/}. Null fields are absent; {@link #validated()} applies One API's checks
 * (name at most 30 characters, every subnet a CIDR) plus a non-negative quota and a sane expiry.
 */
record TokenRequest(Integer id, String name, Integer status, Long expiredTime, Long remainQuota,
                    Boolean unlimitedQuota, String models, String subnet) {

    TokenRequest validated() {
        String n = name == null ? "" : name;
        if (n.codePointCount(0, n.length()) > 30) {
            throw new ApiFailure("token name is too long");
        }
        if (remainQuota != null && remainQuota < 0) {
            throw new ApiFailure("invalid parameters: remain_quota must not be negative");
        }
        if (expiredTime != null && expiredTime < -1) {
            throw new ApiFailure("invalid parameters: expired_time must be -1 (never) or a unix time");
        }
        String cleanSubnet = list(subnet);
        for (String cidr : cleanSubnet.isEmpty() ? new String[0] : cleanSubnet.split(",")) {
            if (!Cidr.valid(cidr)) {
                throw new ApiFailure("invalid parameters: invalid subnet: " + cidr);
            }
        }
        return new TokenRequest(id, n, status, expiredTime, remainQuota, unlimitedQuota, list(models), cleanSubnet);
    }

    /** Comma list with blanks trimmed (One API's untrimmed lists broke matching on spaces). */
    static String list(String value) {
        if (value == null) {
            return "";
        }
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.joining(","));
    }
}
