package io.oneapi.admin;

import io.oneapi.admin.testing.FakeHttpServer;
import io.oneapi.admin.testing.FakeSmtpServer;
import io.oneapi.storage.LogEntry;
import io.oneapi.storage.LogStore;
import io.oneapi.storage.User;
import io.oneapi.storage.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Registration rules, invitations, e-mail verification, password reset and Turnstile (inventory 5.7, 7.2, 7.3). */
class RegistrationTest {
    @TempDir
    static Path dir;
    static FakeSmtpServer smtp;
    static FakeHttpServer turnstile;
    static AdminFixture fx;
    static ApiClient root;

    @BeforeAll
    static void start() throws Exception {
        smtp = new FakeSmtpServer(FakeSmtpServer.Mode.PLAIN, null);
        turnstile = new FakeHttpServer(Map.of("/siteverify", seen -> FakeHttpServer.Answer.ok(
                "{\"success\":" + seen.body().contains("response=good") + "}")));
        fx = AdminFixture.start(TestDatabases.Engine.SQLITE, dir, TestConfigs.Limits.GENEROUS,
                AdminEnvironment.defaults().withTurnstileVerifyUrl(turnstile.uri("/siteverify")));
        root = fx.root();
        option("SMTPServer", "127.0.0.1");
        option("SMTPPort", Integer.toString(smtp.port()));
        option("SMTPFrom", "gateway@example.com");
    }

    @AfterAll
    static void stop() throws Exception {
        fx.close();
        smtp.close();
        turnstile.close();
    }

    static void option(String key, String value) {
        ApiClient.Reply reply = root.put("/api/option/", Map.of("key", key, "value", value));
        assertTrue(reply.success(), key + ": " + reply.body());
    }

    private static String mailed(String pattern) throws InterruptedException {
        FakeSmtpServer.Mail mail = smtp.next();
        Matcher m = Pattern.compile(pattern).matcher(mail.data().replace("=\n", "").replace("=3D", "="));
        assertTrue(m.find(), mail.data());
        return m.group(1);
    }

    @Test
    void invitationAndNewUserGiftsWithSystemLogs() {
        option("QuotaForNewUser", "100");
        option("QuotaForInviter", "30");
        option("QuotaForInvitee", "20");
        option("DisplayInCurrencyEnabled", "false");
        try {
            ApiClient inviter = fx.user("inviter");
            String aff = inviter.get("/api/user/aff").data().asText();
            assertEquals(4, aff.length());
            assertEquals(aff, inviter.get("/api/user/aff").data().asText(), "the code is stable");
            ApiClient.Reply reply = fx.client().post("/api/user/register",
                    Map.of("username", "invitee", "password", "password1", "aff_code", aff));
            assertTrue(reply.success(), reply.body().toString());
            User invitee = fx.userNamed("invitee");
            assertEquals(120, invitee.quota());
            assertEquals(fx.userNamed("inviter").id(), invitee.inviterId());
            assertEquals(130, fx.userNamed("inviter").quota());
            List<LogEntry> logs = fx.storage.logs().find(
                    new LogStore.LogFilter(LogEntry.TYPE_SYSTEM, invitee.id(), "", "", "", 0, 0, 0), 0, 10);
            assertEquals(2, logs.size());
            assertTrue(logs.stream().anyMatch(l -> l.content().equals("Gift for new user registration: 100 quota points")));
            assertTrue(logs.stream().anyMatch(l -> l.content().equals("Gift for using an invitation code: 20 quota points")));
        } finally {
            option("QuotaForNewUser", "0");
            option("QuotaForInviter", "0");
            option("QuotaForInvitee", "0");
            option("DisplayInCurrencyEnabled", "true");
        }
    }

    @Test
    void registrationSwitchesAndValidation() {
        ApiClient c = fx.client();
        assertEquals("invalid input: password must be 8 to 20 characters",
                c.post("/api/user/register", Map.of("username", "shorty", "password", "123")).message());
        assertFalse(c.post("/api/user/register", Map.of("username", "", "password", "password1")).success());
        assertEquals("invalid input: username must not contain @", c.post("/api/user/register",
                Map.of("username", "bob@x.io", "password", "password1")).message(), "it would shadow bob's e-mail login");
        fx.user("taken");
        assertEquals("username is already taken",
                c.post("/api/user/register", Map.of("username", "taken", "password", "password1")).message());
        option("RegisterEnabled", "false");
        try {
            assertEquals("New user registration has been disabled by the administrator",
                    c.post("/api/user/register", Map.of("username", "late", "password", "password1")).message());
        } finally {
            option("RegisterEnabled", "true");
        }
        option("PasswordRegisterEnabled", "false");
        try {
            assertFalse(c.post("/api/user/register", Map.of("username", "late", "password", "password1")).success());
        } finally {
            option("PasswordRegisterEnabled", "true");
        }
        option("PasswordLoginEnabled", "false");
        try {
            assertEquals("Password login has been disabled by the administrator",
                    c.post("/api/user/login", Map.of("username", "taken", "password", "password1")).message());
        } finally {
            option("PasswordLoginEnabled", "true");
        }
    }

    @Test
    void emailVerificationCodeIsRequiredAndWorksOnce() throws Exception {
        option("EmailVerificationEnabled", "true");
        try {
            ApiClient c = fx.client();
            String refused = c.post("/api/user/register", Map.of("username", "mailless", "password", "password1"))
                    .message();
            assertTrue(refused.startsWith("The administrator has enabled email verification"), refused);
            ApiClient.Reply sent = c.get("/api/verification?email=new@example.com");
            assertTrue(sent.success(), sent.body().toString());
            String code = mailed("<strong>([a-z0-9]{6})</strong>");
            assertEquals("The verification code is wrong or has expired", c.post("/api/user/register",
                    Map.of("username", "verified", "password", "password1", "email", "new@example.com",
                            "verification_code", "000000")).message());
            ApiClient.Reply ok = c.post("/api/user/register", Map.of("username", "verified", "password", "password1",
                    "email", "new@example.com", "verification_code", code));
            assertTrue(ok.success(), ok.body().toString());
            assertEquals("new@example.com", fx.userNamed("verified").email());
            assertFalse(c.post("/api/user/register", Map.of("username", "again", "password", "password1",
                    "email", "new@example.com", "verification_code", code)).success(), "a code works once");
            assertEquals("This email address is already in use",
                    c.get("/api/verification?email=new@example.com").message());
            assertFalse(c.get("/api/verification?email=not-an-email").success());
        } finally {
            option("EmailVerificationEnabled", "false");
        }
    }

    @Test
    void domainWhitelist() {
        option("EmailDomainWhitelist", "good.example");
        option("EmailDomainRestrictionEnabled", "true");
        try {
            assertTrue(fx.client().get("/api/verification?email=x@bad.example").message()
                    .contains("whitelist"));
        } finally {
            option("EmailDomainRestrictionEnabled", "false");
        }
    }

    @Test
    void passwordResetByEmailLink() throws Exception {
        ApiClient user = fx.user("forgetful");
        String accessToken = user.get("/api/user/token").data().asText();
        assertTrue(user.get("/api/verification?email=forgetful@example.com").success());
        String code = mailed("<strong>([a-z0-9]{6})</strong>");
        assertTrue(user.get("/api/oauth/email/bind?email=forgetful@example.com&code=" + code).success());
        assertEquals("forgetful@example.com", fx.userNamed("forgetful").email());

        ApiClient anon = fx.client();
        assertEquals("This email address is not registered",
                anon.get("/api/reset_password?email=nobody@example.com").message());
        assertTrue(anon.get("/api/reset_password?email=forgetful@example.com").success());
        String token = mailed("token=([A-Za-z0-9]{32})");
        assertEquals("The reset link is invalid or has expired",
                anon.post("/api/user/reset", Map.of("email", "forgetful@example.com", "token", "x".repeat(32)))
                        .message());
        ApiClient.Reply reset = anon.post("/api/user/reset", Map.of("email", "forgetful@example.com", "token", token));
        assertTrue(reset.success(), reset.body().toString());
        String newPassword = reset.data().asText();
        assertEquals(12, newPassword.length());
        fx.client().login("forgetful", newPassword);
        assertEquals("Unauthorized: invalid access token",
                fx.client().fresh().withAuthorization(accessToken).get("/api/user/self").message(),
                "recovery revokes the management access token");
        assertFalse(anon.post("/api/user/reset", Map.of("email", "forgetful@example.com", "token", token)).success());
    }

    /** A code works only for whoever asked for it: the attacker's code cannot bind his address to a victim. */
    @Test
    void aVerificationCodeBindsOnlyForTheUserWhoAskedForIt() throws Exception {
        ApiClient attacker = fx.client();
        assertTrue(attacker.get("/api/verification?email=thief@example.com").success());
        String code = mailed("<strong>([a-z0-9]{6})</strong>");
        ApiClient victim = fx.user("victim");
        assertEquals("The verification code is wrong or has expired",
                victim.get("/api/oauth/email/bind?email=thief@example.com&code=" + code).message());
        assertEquals("", fx.userNamed("victim").email() == null ? "" : fx.userNamed("victim").email());

        ApiClient mallory = fx.user("mallory");
        assertTrue(mallory.get("/api/verification?email=thief2@example.com").success());
        String mallorysCode = mailed("<strong>([a-z0-9]{6})</strong>");
        assertFalse(victim.get("/api/oauth/email/bind?email=thief2@example.com&code=" + mallorysCode).success(),
                "another user's code");
        assertTrue(mallory.get("/api/oauth/email/bind?email=thief2@example.com&code=" + mallorysCode).success(),
                "and it still works for the user who asked");
    }

    @Test
    void turnstileGuardsRegistrationAndIsRememberedInTheSession() throws Exception {
        option("TurnstileSiteKey", "site");
        option("TurnstileSecretKey", "turnstile-secret");
        option("TurnstileCheckEnabled", "true");
        try {
            ApiClient c = fx.client();
            Map<String, String> body = Map.of("username", "human", "password", "password1");
            assertEquals("Turnstile token is empty", c.post("/api/user/register", body).message());
            assertEquals("Turnstile verification failed, please refresh and try again!",
                    c.post("/api/user/register?turnstile=bad", body).message());
            assertTrue(c.post("/api/user/register?turnstile=good", body).success());
            assertTrue(c.post("/api/user/register", Map.of("username", "human2", "password", "password1")).success(),
                    "a passed check is remembered in the session");
            FakeHttpServer.Seen first = turnstile.next();
            assertTrue(first.body().contains("secret=turnstile-secret"), first.body());
            assertTrue(first.body().contains("remoteip=127.0.0.1"), first.body());
        } finally {
            option("TurnstileCheckEnabled", "false");
        }
    }
}
