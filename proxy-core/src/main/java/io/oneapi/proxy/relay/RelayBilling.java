package io.oneapi.proxy.relay;

import io.oneapi.spi.RelayMode;

/**
 * What the relay needs from billing. Every method blocks (database, tokenizer) and is called on the
 * blocking executor, never on an event loop. A hold is settled or released exactly once.
 */
public interface RelayBilling {

    /**
     * The facts a reservation is priced from.
     *
     * @param body a copy of the request body (JSON or multipart)
     * @param maxTokens the client's token limit, 0 when none
     */
    /**
     * @param body the request body, only for the modes priced from its JSON (images, speech); null otherwise, so
     *        chat requests are not copied for billing
     * @param promptBytes what chat reservations are estimated from: the body's size, inline images counted at a
     *        fixed size ({@link PromptSize})
     */
    record ReserveRequest(int userId, int tokenId, boolean tokenUnlimited, String tokenName, String username,
                          String group, String model, int channelType, RelayMode mode, byte[] body,
                          int promptBytes, int maxTokens, String contentType) {

        /** Whether billing reads the body's JSON for this mode (see {@link #body}). */
        public static boolean needsBody(RelayMode mode) {
            return mode == RelayMode.IMAGES_GENERATIONS || mode == RelayMode.AUDIO_SPEECH;
        }
    }

    /** Something reserved that must later be settled or released. */
    interface Hold {
        long reservedQuota();
    }

    /** Reserves the pre-consumption; throws {@link BillingRefusal} when the request may not proceed. Blocking. */
    Hold reserve(ReserveRequest request);

    /**
     * Reserves only if that needs no blocking call (in-memory counters already warm); safe on an event loop.
     *
     * @return the hold, or null when the reservation must go through {@link #reserve} off the event loop
     * @throws BillingRefusal when the request may not proceed
     */
    default Hold reserveWithoutBlocking(ReserveRequest request) {
        return null;
    }

    /** Charges the final cost of a billable record (adjusting the hold) and writes the consume log. */
    void settle(Hold hold, ReserveRequest request, RelayRecord record);

    /**
     * Settles at once if that needs no blocking call and no token counting (usage reported by the upstream,
     * in-memory counters, a summing writer); safe on an event loop.
     *
     * @return true when settled; false when {@link #settle} must run off the event loop instead (nothing done)
     */
    default boolean settleWithoutBlocking(Hold hold, ReserveRequest request, RelayRecord record) {
        return false;
    }

    /** Returns everything held; for requests that did no upstream work. */
    void release(Hold hold);
}
