package io.oneapi.admin.auth;

import io.oneapi.ratelimit.RateLimiter;
import io.oneapi.config.GatewayConfig;

import java.time.Duration;

/**
 * The three per-IP limits of One API: global API ({@code GLOBAL_API_RATE_LIMIT}), global web
 * ({@code GLOBAL_WEB_RATE_LIMIT}) and the critical limit on login, registration, reset and verification.
 * A limit of 0, or {@code DEBUG}, turns the check off.
 */
public final class RateLimits {

    /** Which limit; the mark prefixes the client address in the limiter key, as One API does. */
    public enum Kind {
        API("GA"), WEB("GW"), CRITICAL("CT");

        private final String mark;

        Kind(String mark) {
            this.mark = mark;
        }
    }

    private final RateLimiter limiter;
    private final GatewayConfig.RateLimitSettings settings;
    private final boolean disabled;

    public RateLimits(RateLimiter limiter, GatewayConfig.RateLimitSettings settings, boolean debug) {
        this.limiter = limiter;
        this.settings = settings;
        this.disabled = debug;
    }

    public boolean allow(Kind kind, String clientIp) {
        if (disabled) {
            return true;
        }
        return switch (kind) {
            case API -> check(kind, clientIp, settings.globalApiRateLimit(), settings.window());
            case WEB -> check(kind, clientIp, settings.globalWebRateLimit(), settings.window());
            case CRITICAL -> check(kind, clientIp, settings.criticalRateLimit(), settings.criticalWindow());
        };
    }

    private boolean check(Kind kind, String ip, int max, Duration window) {
        return max <= 0 || limiter.allow(kind.mark + ip, max, window);
    }
}
