package io.oneapi.admin.notify;

/** Sends one HTML e-mail. Blocking. */
public interface Mailer {
    /** @throws MailFailure when SMTP is not configured or the server refuses */
    void send(String to, String subject, String html);

    /** Why an e-mail could not be sent; the message is safe to show (no credentials). */
    final class MailFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MailFailure(String message) {
            super(message);
        }

        public MailFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
