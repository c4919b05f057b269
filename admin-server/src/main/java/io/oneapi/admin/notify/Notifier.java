package io.oneapi.admin.notify;

/** Alerts for the operator (inventory section 9.5): channel disabled or enabled, test results. */
public interface Notifier {
    /** Best effort; never throws. */
    void notifyRoot(String subject, String content);

    Notifier NONE = (subject, content) -> { };
}
