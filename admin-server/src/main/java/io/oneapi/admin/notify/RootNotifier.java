package io.oneapi.admin.notify;

import io.oneapi.admin.queries.RootContact;
import io.oneapi.storage.Database;
import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.options.OptionKey;
import io.oneapi.storage.options.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocketFactory;

/**
 * Root notifications as One API sends them (inventory section 9.5): Message Pusher when
 * {@code MessagePusherAddress} is set, e-mail to root's address when it is not or when pushing fails.
 * Delivery runs on {@code executor} so a slow SMTP server never holds up a request.
 */
public final class RootNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger(RootNotifier.class);

    private final LiveOptions options;
    private final MessagePusher pusher;
    private final Mailer mailer;
    private final Supplier<String> rootEmail;
    private final Executor executor;

    public RootNotifier(LiveOptions options, HttpClient http, Mailer mailer, Supplier<String> rootEmail,
                        Executor executor) {
        this.options = options;
        this.pusher = new MessagePusher(http);
        this.mailer = mailer;
        this.rootEmail = rootEmail;
        this.executor = executor;
    }

    /**
     * For the relay's own channel disables (a proxy-only node has no admin server): same delivery, on the caller's
     * thread, which for the relay is a blocking executor.
     */
    public static RootNotifier forRelay(LiveOptions options, Database db) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
        return new RootNotifier(options, http, new SmtpMailer(options, (SSLSocketFactory) SSLSocketFactory.getDefault()),
                new RootContact(db), Runnable::run);
    }

    @Override
    public void notifyRoot(String subject, String content) {
        try {
            executor.execute(() -> deliver(subject, content));
        } catch (RejectedExecutionException e) {
            log.warn("notification dropped (shutting down): {}", subject);
        }
    }

    void deliver(String subject, String content) {
        try {
            Options o = options.current();
            String address = o.get(OptionKey.MESSAGE_PUSHER_ADDRESS);
            if (address != null && !address.isBlank()) {
                String failure = pusher.push(address, o.get(OptionKey.MESSAGE_PUSHER_TOKEN), subject, content);
                if (failure == null) {
                    return;
                }
                log.warn("{}; falling back to e-mail", failure);
            }
            String to = rootEmail.get();
            if (to == null || to.isBlank()) {
                log.warn("notification not delivered, root has no e-mail address: {}", subject);
                return;
            }
            mailer.send(to, subject, "<p>" + Html.escape(content) + "</p>");
        } catch (RuntimeException e) {
            log.warn("notification not delivered: {}", e.toString());
        }
    }
}
