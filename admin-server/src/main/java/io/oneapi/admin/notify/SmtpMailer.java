package io.oneapi.admin.notify;

import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.options.OptionKey;
import io.oneapi.storage.options.Options;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.UnsupportedEncodingException;
import java.util.Date;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * SMTP with the {@code SMTP*} options, read at each send so changes apply at once. Port 465 means implicit TLS,
 * any other port STARTTLS (required when credentials are set, so they never cross in clear). Unlike One API the
 * server certificate and host name are always verified.
 */
public final class SmtpMailer implements Mailer {
    private static final String TIMEOUT_MILLIS = "15000";

    /** One API's rule: this port speaks TLS from the first byte, every other port upgrades with STARTTLS. */
    static final int IMPLICIT_TLS_PORT = 465;

    private final LiveOptions options;
    private final SSLSocketFactory tls;
    private final int implicitTlsPort;

    /** @param tls the socket factory for TLS; {@code SSLSocketFactory.getDefault()} outside tests */
    public SmtpMailer(LiveOptions options, SSLSocketFactory tls) {
        this(options, tls, IMPLICIT_TLS_PORT);
    }

    /** For tests, which cannot listen on 465: {@code implicitTlsPort} takes its role. */
    SmtpMailer(LiveOptions options, SSLSocketFactory tls, int implicitTlsPort) {
        this.options = options;
        this.tls = tls;
        this.implicitTlsPort = implicitTlsPort;
    }

    @Override
    public void send(String to, String subject, String html) {
        Options o = options.current();
        String host = o.get(OptionKey.SMTP_SERVER);
        if (host == null || host.isBlank()) {
            throw new MailFailure("SMTP is not configured");
        }
        String account = o.get(OptionKey.SMTP_ACCOUNT);
        String token = o.get(OptionKey.SMTP_TOKEN);
        String from = o.get(OptionKey.SMTP_FROM).isBlank() ? account : o.get(OptionKey.SMTP_FROM);
        boolean auth = !account.isBlank() && !token.isEmpty();
        Session session = Session.getInstance(properties(host.trim(), o.smtpPort(), auth));
        try {
            MimeMessage message = new MimeMessage(session);
            message.setFrom(new InternetAddress(from, o.get(OptionKey.SYSTEM_NAME), "UTF-8"));
            message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(to, true));
            message.setSubject(subject, "UTF-8");
            message.setSentDate(new Date());
            message.setContent(html, "text/html; charset=UTF-8");
            if (auth) {
                Transport.send(message, account, token);
            } else {
                Transport.send(message);
            }
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new MailFailure("sending e-mail failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private Properties properties(String host, int port, boolean auth) {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.auth", Boolean.toString(auth));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        p.put("mail.smtp.ssl.checkserveridentity", "true");
        p.put("mail.smtp.ssl.socketFactory", tls);
        if (port == implicitTlsPort) {
            p.put("mail.smtp.ssl.enable", "true");
        } else {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", Boolean.toString(auth));
        }
        return p;
    }
}
