package io.oneapi.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The next upstream request of a multi-step exchange (see {@link FollowUps}).
 *
 * @param request what to send; a null body sends none (a follow-up never forwards the client's body)
 * @param delay how long the core waits before sending it (zero for at once), e.g. between polls of a task
 */
@Experimental
public record FollowUp(UpstreamRequest request, Duration delay) {
    public FollowUp {
        Objects.requireNonNull(request, "request");
        delay = delay == null || delay.isNegative() ? Duration.ZERO : delay;
    }

    /** A follow-up sent at once. */
    public static FollowUp now(UpstreamRequest request) {
        return new FollowUp(request, Duration.ZERO);
    }
}
