package io.oneapi.admin.channel;

/**
 * Calls an upstream on behalf of the admin server. The admin server never loads provider plugins
 * (DESIGN.md section 3), so the real implementation asks a proxy; tests substitute a fake proxy.
 * Both methods block for the duration of the upstream call.
 */
public interface ChannelTester {
    /** Sends the test prompt through channel {@code channelId}; {@code model} may be empty (channel default). */
    TestOutcome test(int channelId, String model);

    /** Queries the provider's balance for channel {@code channelId}. */
    BalanceOutcome balance(int channelId);

    /**
     * One API's test reply: {@code time} in seconds, {@code message} the model's answer or the error.
     * {@code errorKind} is the proxy's classification of a failure (an {@code ErrorKind} name) or "".
     */
    record TestOutcome(boolean success, String message, double time, String modelName, String errorKind) {
    }

    record BalanceOutcome(boolean success, String message, double balance) {
    }
}
