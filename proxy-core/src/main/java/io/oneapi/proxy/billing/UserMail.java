package io.oneapi.proxy.billing;

/**
 * Sends one HTML e-mail to a user: the launcher wires the admin server's SMTP mailer, which reads the {@code SMTP*}
 * options at each send. Blocking; called on the quota reminders' own thread only.
 */
@FunctionalInterface
public interface UserMail {
    /** @throws RuntimeException when SMTP is not configured or the server refuses */
    void send(String to, String subject, String html);
}
