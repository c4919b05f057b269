package io.oneapi.proxy.route;

/**
 * Tells the operator that the relay disabled a channel (inventory section 9.5): the launcher wires the admin
 * server's root notifier (message pusher, else e-mail to root). Called on a blocking executor, once per disable.
 */
@FunctionalInterface
public interface ChannelAlerts {
    /** Only the log line: a proxy started without an operator to tell (tests, benchmarks). */
    ChannelAlerts NONE = (id, name, reason) -> { };

    void disabled(int channelId, String channelName, String reason);
}
