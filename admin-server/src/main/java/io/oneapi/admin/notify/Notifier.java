package io.oneapi.admin.notify;

/** Alerts for the operator (inventory section 9.5): channel disabled or enabled, test results. */
public interface Notifier {
    /** Best effort; never throws. */
    void notifyRoot(String subject, String content);

    /** A channel disabled automatically: by a channel test, or by the relay on a dead key or a tripped metric. */
    default void channelDisabled(int channelId, String channelName, String reason) {
        String channel = "Channel " + channelName + " (#" + channelId + ")";
        notifyRoot(channel + " has been disabled", channel + " has been disabled automatically. Reason: " + reason);
    }

    Notifier NONE = (subject, content) -> { };
}
