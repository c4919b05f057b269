package io.oneapi.proxy.fetch;

import io.oneapi.config.GatewayConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * The limits of the guarded image fetcher. Operators set only the timeout and the proxy (through
 * {@code USER_CONTENT_REQUEST_TIMEOUT} and {@code USER_CONTENT_REQUEST_PROXY}); the rest is fixed here.
 * Loopback ports can be opened only in code ({@link #allowingLoopbackForTests}), never by configuration,
 * so tests can fetch from an in-process server while every other loopback port and every private range
 * stays refused.
 *
 * @param maxImages most image URLs one request may carry
 * @param maxBytesPerImage most bytes one image may have
 * @param maxTotalBytes most bytes all images of one request may have together
 * @param maxRedirects redirects followed per image, each hop checked again
 * @param timeout the whole time one image may take, redirects included
 * @param proxy an http(s) or socks5 proxy for the fetches, or null
 * @param loopbackPortsForTests empty except in tests: these ports of 127.0.0.0/8 and ::1 become reachable
 */
public record FetchPolicy(int maxImages, long maxBytesPerImage, long maxTotalBytes, int maxRedirects,
                          Duration timeout, URI proxy, Set<Integer> loopbackPortsForTests) {
    public static final int MAX_IMAGES = 16;
    public static final long MAX_BYTES_PER_IMAGE = 20L * 1024 * 1024;
    public static final long MAX_TOTAL_BYTES = 32L * 1024 * 1024;
    public static final int MAX_REDIRECTS = 3;

    public FetchPolicy {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("the image fetch timeout must be positive");
        }
        loopbackPortsForTests = Set.copyOf(loopbackPortsForTests);
    }

    /** The gateway's policy: public addresses only, the configured timeout and proxy. */
    public static FetchPolicy of(GatewayConfig.RelaySettings relay) {
        String proxy = relay.userContentRequestProxy();
        return new FetchPolicy(MAX_IMAGES, MAX_BYTES_PER_IMAGE, MAX_TOTAL_BYTES, MAX_REDIRECTS,
                relay.userContentRequestTimeout(), proxy == null || proxy.isBlank() ? null : URI.create(proxy.trim()),
                Set.of());
    }

    /** The same limits, but these loopback ports may be fetched. For tests only. */
    public FetchPolicy allowingLoopbackForTests(Integer... ports) {
        return new FetchPolicy(maxImages, maxBytesPerImage, maxTotalBytes, maxRedirects, timeout, proxy,
                Set.of(ports));
    }

    public FetchPolicy withTimeout(Duration newTimeout) {
        return new FetchPolicy(maxImages, maxBytesPerImage, maxTotalBytes, maxRedirects, newTimeout, proxy,
                loopbackPortsForTests);
    }

    public FetchPolicy withSizeLimits(long perImage, long total) {
        return new FetchPolicy(maxImages, perImage, total, maxRedirects, timeout, proxy, loopbackPortsForTests);
    }

    @Override
    public String toString() {
        // The proxy URI may carry credentials: print only where it points.
        String via = proxy == null ? "none" : proxy.getScheme() + "://" + proxy.getHost() + ":" + proxy.getPort();
        return "FetchPolicy[maxImages=" + maxImages + ", maxBytesPerImage=" + maxBytesPerImage + ", maxTotalBytes="
                + maxTotalBytes + ", maxRedirects=" + maxRedirects + ", timeout=" + timeout + ", proxy=" + via
                + ", loopbackPortsForTests=" + loopbackPortsForTests + "]";
    }
}
