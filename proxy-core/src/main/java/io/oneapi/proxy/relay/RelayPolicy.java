package io.oneapi.proxy.relay;

/** The runtime options the relay flow reads on every request (a view of the live options). */
public interface RelayPolicy {
    /** How many other channels to try after a failed attempt ({@code RetryTimes}). */
    int retryTimes();
}
