package io.oneapi.spi;

/**
 * One balance lookup, possibly several requests long (OpenAI needs the subscription, then the usage).
 * Single-threaded, used once.
 */
@Experimental
public interface BalanceQuery {
    UpstreamRequest firstRequest();

    /**
     * Reads one answer.
     *
     * @return the next request to make, or null when {@link #balance()} is known
     * @throws IllegalStateException with a message for the operator when the answer is an error or unreadable
     */
    UpstreamRequest onResponse(int status, byte[] body);

    /** The balance in the provider's unit (USD for most, CNY for DeepSeek). */
    double balance();
}
