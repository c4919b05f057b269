package io.oneapi.proxy;

import io.oneapi.config.GatewayConfig;
import io.oneapi.ratelimit.RateLimiter;
import io.oneapi.ratelimit.SlidingWindowRateLimiter;
import java.net.InetAddress;

/**
 * {@code GLOBAL_API_RATE_LIMIT} on the proxy's billing compatibility routes. The window lives in this node's
 * memory: the check runs on the event loop, where a Redis round trip may not, and the routes answer from
 * memory, so the limit guards the node rather than a shared resource. 0 or {@code DEBUG} turns it off.
 */
final class ApiRateLimit {
    /** One API's key mark for the global API limit. */
    private static final String MARK = "GA";

    private final RateLimiter limiter;
    private final GatewayConfig.RateLimitSettings settings;
    private final boolean off;

    ApiRateLimit(GatewayConfig.RateLimitSettings settings, boolean debug) {
        this.limiter = new SlidingWindowRateLimiter(System::nanoTime);
        this.settings = settings;
        this.off = debug || settings.globalApiRateLimit() <= 0;
    }

    boolean allow(InetAddress client) {
        if (off) {
            return true;
        }
        String address = client == null ? "unknown" : client.getHostAddress();
        return limiter.allow(MARK + address, settings.globalApiRateLimit(), settings.window());
    }
}
