package io.oneapi.proxy.upstream;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An upstream URL taken apart once: where to connect, the request target and the Host header. Channels call the
 * same few URLs over and over, so parsed ones are kept (bounded); parsing every request showed in load profiles.
 */
record UpstreamTarget(UpstreamEndpoint endpoint, String requestTarget, String hostHeader) {
    private static final int MAX_KEPT = 4_096;
    private static final Map<String, UpstreamTarget> KEPT = new ConcurrentHashMap<>();

    /** @throws IllegalArgumentException for a URL that is not absolute http(s) */
    static UpstreamTarget of(String url) {
        UpstreamTarget known = KEPT.get(url);
        if (known != null) {
            return known;
        }
        UpstreamTarget parsed = parse(url);
        if (KEPT.size() >= MAX_KEPT) {
            KEPT.clear(); // rare (thousands of distinct URLs): start over rather than track recency
        }
        KEPT.put(url, parsed);
        return parsed;
    }

    private static UpstreamTarget parse(String url) {
        URI uri = URI.create(url);
        UpstreamEndpoint endpoint = UpstreamEndpoint.of(uri);
        String target = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            target = target + "?" + uri.getRawQuery();
        }
        return new UpstreamTarget(endpoint, target, endpoint.hostHeader());
    }
}
