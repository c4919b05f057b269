package io.oneapi.spi;

/**
 * Optional ability of a {@link ProviderExchange} in {@link StreamMode#TRANSLATE} whose answer takes several
 * upstream requests: an asynchronous task that must be polled until it is done (DashScope image synthesis,
 * Replicate predictions), a first call that says where the stream is (Replicate), or result files to fetch.
 * Adapters do no I/O, so the core sends every request, on the attempt's event loop.
 *
 * <p>When the first upstream answer is successful (2xx) and read as a unary body, the core asks
 * {@link #followUp}. A {@link FollowUp} is sent after its delay. Its answer reaches the exchange whatever its
 * status (a follow-up may go to a storage host whose errors say nothing about the channel): {@link #followUp}
 * is asked again, and when it returns {@code null} the core passes that last answer to
 * {@link ProviderExchange#translateBody}, which reports a failure with a non-2xx {@link TranslatedBody}
 * (classified with the adapter and retried on another channel like any upstream error, while nothing has
 * reached the client). Only a successful event-stream answer to a client that asked for a stream is not
 * asked about: it goes to {@link ProviderExchange#onEvent} as usual.
 *
 * <p>The core bounds the follow-ups of one attempt ({@link #MAX_FOLLOW_UPS}); exchanges bound their own
 * polling below that. Each follow-up has the relay timeout of its own.
 */
@Experimental
public interface FollowUps {
    /** The most follow-ups the core sends for one attempt; past it the attempt fails as unavailable. */
    int MAX_FOLLOW_UPS = 64;

    /**
     * Reads an answer (the first one, successful; or a follow-up's, any status) and says what to send next,
     * or null when the answer is final. Throws {@link IllegalStateException} when it cannot be read; the
     * attempt then fails as unavailable.
     */
    FollowUp followUp(int status, UpstreamHeaders headers, byte[] body);
}
