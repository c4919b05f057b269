package io.oneapi.admin.notify;

import io.oneapi.admin.testing.FakeSmtpServer;
import io.oneapi.admin.testing.TestCertificates;
import io.oneapi.storage.Storage;
import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import javax.net.ssl.SSLSocketFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SMTP against in-process servers: plain, STARTTLS with AUTH, implicit TLS, and refused certificates. */
class SmtpMailerTest {
    @TempDir
    static Path dir;
    static TestDatabase db;
    static Storage storage;
    static LiveOptions options;
    static TestCertificates localCert;

    @BeforeAll
    static void start() throws Exception {
        db = TestDatabases.sqlite(dir);
        storage = db.openStorage();
        options = LiveOptions.load(storage.options(), storage.changes(), Runnable::run, Map.of());
        localCert = TestCertificates.selfSigned(dir, "ip:127.0.0.1");
    }

    @AfterAll
    static void stop() {
        storage.close();
        db.close();
    }

    private static void configure(int port, String account, String token) {
        options.update("SMTPServer", "127.0.0.1");
        options.update("SMTPPort", Integer.toString(port));
        options.update("SMTPAccount", account);
        options.update("SMTPToken", token);
        options.update("SMTPFrom", "");
    }

    @Test
    void plainServerWithoutCredentials() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(FakeSmtpServer.Mode.PLAIN, null)) {
            configure(smtp.port(), "noreply@example.com", "");
            new SmtpMailer(options, (SSLSocketFactory) SSLSocketFactory.getDefault())
                    .send("user@example.com", "Hello é", "<p>Body</p>");
            FakeSmtpServer.Mail mail = smtp.next();
            assertNotNull(mail);
            assertEquals("<noreply@example.com>", mail.from());
            assertEquals("<user@example.com>", mail.to().get(0));
            assertTrue(mail.data().contains("Subject: =?UTF-8?"), mail.data());
            assertTrue(mail.data().contains("<p>Body</p>"), mail.data());
        }
    }

    @Test
    void startTlsCarriesTheCredentialsOnlyAfterTheUpgrade() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(FakeSmtpServer.Mode.STARTTLS, localCert.server())) {
            configure(smtp.port(), "mailer@example.com", "app-password");
            new SmtpMailer(options, localCert.trusting().getSocketFactory())
                    .send("user@example.com", "Code", "<p>123456</p>");
            FakeSmtpServer.Mail mail = smtp.next();
            assertEquals("mailer@example.com", mail.login());
            assertTrue(mail.overTls());
        }
    }

    @Test
    void implicitTlsPort() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(FakeSmtpServer.Mode.IMPLICIT_TLS, localCert.server())) {
            configure(smtp.port(), "mailer@example.com", "app-password");
            new SmtpMailer(options, localCert.trusting().getSocketFactory(), smtp.port())
                    .send("user@example.com", "Code", "<p>x</p>");
            assertTrue(smtp.next().overTls());
        }
    }

    @Test
    void untrustedCertificateIsRefused() throws Exception {
        try (FakeSmtpServer smtp = new FakeSmtpServer(FakeSmtpServer.Mode.IMPLICIT_TLS, localCert.server())) {
            configure(smtp.port(), "mailer@example.com", "app-password");
            SmtpMailer mailer = new SmtpMailer(options, (SSLSocketFactory) SSLSocketFactory.getDefault(), smtp.port());
            assertThrows(Mailer.MailFailure.class, () -> mailer.send("user@example.com", "Code", "<p>x</p>"));
            assertTrue(smtp.nothingDelivered());
        }
    }

    @Test
    void certificateForAnotherHostIsRefused() throws Exception {
        TestCertificates other = TestCertificates.selfSigned(dir, "dns:elsewhere.example");
        try (FakeSmtpServer smtp = new FakeSmtpServer(FakeSmtpServer.Mode.IMPLICIT_TLS, other.server())) {
            configure(smtp.port(), "mailer@example.com", "app-password");
            SmtpMailer mailer = new SmtpMailer(options, other.trusting().getSocketFactory(), smtp.port());
            assertThrows(Mailer.MailFailure.class, () -> mailer.send("user@example.com", "Code", "<p>x</p>"));
            assertTrue(smtp.nothingDelivered());
        }
    }

    @Test
    void unconfiguredSmtpFailsWithAClearMessage() {
        options.update("SMTPServer", "");
        Mailer.MailFailure failure = assertThrows(Mailer.MailFailure.class, () ->
                new SmtpMailer(options, (SSLSocketFactory) SSLSocketFactory.getDefault()).send("a@b.c", "s", "b"));
        assertEquals("SMTP is not configured", failure.getMessage());
    }
}
