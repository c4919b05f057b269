package io.oneapi.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * A short-lived credential obtained from a provider's token endpoint (see {@link NeedsCredential}).
 *
 * @param value the token as the upstream expects it (for example an OAuth2 access token); never logged
 * @param validFor how long the token endpoint said it stays valid, counted from when it answered
 */
@Experimental
public record AccessToken(String value, Duration validFor) {
    public AccessToken {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(validFor, "validFor");
        if (value.isBlank()) {
            throw new IllegalArgumentException("empty access token");
        }
        if (validFor.isNegative() || validFor.isZero()) {
            throw new IllegalArgumentException("access token lifetime must be positive: " + validFor);
        }
    }

    @Override
    public String toString() {
        // Records print every component by default; the token is a secret.
        return "AccessToken[validFor=" + validFor + "]";
    }
}
