package io.oneapi.proxy.relay;

import io.oneapi.spi.FollowUp;
import io.oneapi.spi.FollowUps;
import io.oneapi.spi.ProviderExchange;
import io.oneapi.spi.StreamMode;
import io.oneapi.spi.UpstreamHeaders;

/**
 * The follow-up requests of one attempt of a multi-step exchange ({@link FollowUps}: polled tasks, stream
 * URLs, result files): which answers the exchange is asked about, and the bound on how many follow-ups it
 * gets. One per attempt, on the attempt's event loop.
 */
final class FollowUpSteps {
    private final FollowUps exchange;
    private int sent;

    FollowUpSteps(ProviderExchange exchange) {
        this.exchange = exchange instanceof FollowUps steps && exchange.streamMode() == StreamMode.TRANSLATE
                ? steps : null;
    }

    /** Whether an answer goes to the exchange: a successful first answer, or any answer to a follow-up. */
    boolean asks(int status) {
        return exchange != null && (sent > 0 || status >= 200 && status < 300);
    }

    /** Whether an error answer is still the exchange's to translate: it is when it answers a follow-up. */
    boolean translatesErrors() {
        return sent > 0;
    }

    /**
     * What the exchange wants next, or null when the answer is final. Throws {@link IllegalStateException}
     * when the exchange cannot read the answer or wants more than {@link FollowUps#MAX_FOLLOW_UPS} requests.
     */
    FollowUp next(int status, UpstreamHeaders headers, byte[] body) {
        FollowUp next = exchange.followUp(status, headers, body);
        if (next != null && ++sent > FollowUps.MAX_FOLLOW_UPS) {
            throw new IllegalStateException("the exchange asked for more than " + FollowUps.MAX_FOLLOW_UPS
                    + " follow-up requests");
        }
        return next;
    }
}
