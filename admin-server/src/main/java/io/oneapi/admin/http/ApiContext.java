package io.oneapi.admin.http;

import io.oneapi.admin.auth.Authenticator;
import io.oneapi.admin.auth.RateLimits;
import io.oneapi.admin.auth.SessionCodec;

/** What every route handler shares: JSON mapping, sessions, authentication, limits, Turnstile. */
public record ApiContext(Json json, SessionCodec sessions, Authenticator authenticator, RateLimits rateLimits,
                         TurnstileGate turnstile) {
}
