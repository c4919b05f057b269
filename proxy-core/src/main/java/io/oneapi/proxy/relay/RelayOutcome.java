package io.oneapi.proxy.relay;

/** How a relayed request ended. Only outcomes where the upstream did work are billed. */
public enum RelayOutcome {
    /** The upstream answered successfully and the client got it all. */
    OK,
    /** The client went away after the request reached the upstream; billed for what was produced. */
    CLIENT_ABORT,
    /** The upstream broke or timed out after it started answering; billed for what was streamed. */
    UPSTREAM_BROKE,
    /** The upstream answered with an error; nothing billed. */
    UPSTREAM_ERROR,
    /** The gateway refused or failed before any upstream work; nothing billed. */
    GATEWAY_ERROR;

    public boolean billable() {
        return this == OK || this == CLIENT_ABORT || this == UPSTREAM_BROKE;
    }
}
