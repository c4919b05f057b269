package io.oneapi.proxy.upstream;

import java.net.URI;

/** Where an upstream connection goes: scheme, host and port. Pools are keyed by it (and by event loop). */
public record UpstreamEndpoint(boolean tls, String host, int port) {

    /** Parses the origin of an absolute http(s) URL; anything else is refused. */
    public static UpstreamEndpoint of(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        boolean tls = switch (scheme) {
            case "https" -> true;
            case "http" -> false;
            default -> throw new IllegalArgumentException("upstream URL must be http or https: " + uri);
        };
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new IllegalArgumentException("upstream URL has no host: " + uri);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : (tls ? 443 : 80);
        return new UpstreamEndpoint(tls, host, port);
    }

    /** The Host header value. */
    public String hostHeader() {
        boolean defaultPort = tls ? port == 443 : port == 80;
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return defaultPort ? h : h + ":" + port;
    }
}
