package io.oneapi.admin.http;

/**
 * One management API route. {@code critical} adds the critical rate limit (20 per 20 minutes per IP);
 * {@code turnstile} adds One API's Turnstile check.
 */
public record Route(String method, String path, Access access, boolean critical, boolean turnstile,
                    Endpoint endpoint) {
}
