package io.oneapi.admin.api;

import io.oneapi.admin.account.RandomText;
import io.oneapi.admin.account.UserDraft;
import io.oneapi.admin.account.VerificationCodes.Purpose;
import io.oneapi.admin.account.VerificationCodes;
import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.admin.notify.Html;
import io.oneapi.admin.notify.Mailer;
import io.oneapi.storage.Passwords;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;
import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.options.OptionKey;
import io.oneapi.storage.options.Options;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The e-mail flows (inventory section 7.2): verification codes, password reset and e-mail binding.
 * Sending routes are under the critical rate limit and Turnstile.
 */
public final class EmailFlowsApi {
    private final UserStore users;
    private final VerificationCodes codes;
    private final Mailer mailer;
    private final LiveOptions options;

    public EmailFlowsApi(UserStore users, VerificationCodes codes, Mailer mailer, LiveOptions options) {
        this.users = users;
        this.codes = codes;
        this.mailer = mailer;
        this.options = options;
    }

    public void register(ApiRoutes routes) {
        routes.critical("GET", "/api/verification", Access.PUBLIC, true, this::sendVerification)
                .critical("GET", "/api/reset_password", Access.PUBLIC, true, this::sendReset)
                .critical("POST", "/api/user/reset", Access.PUBLIC, false, this::resetPassword)
                .critical("GET", "/api/oauth/email/bind", Access.USER, false, this::bindEmail);
    }

    Envelope sendVerification(ApiRequest req) {
        String email = requiredEmail(req.query("email"));
        Options o = options.current();
        if (o.flag(OptionKey.EMAIL_DOMAIN_RESTRICTION_ENABLED)) {
            String domain = email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
            if (o.emailDomainWhitelist().stream().noneMatch(d -> d.equalsIgnoreCase(domain))) {
                throw new ApiFailure("The administrator has enabled an email domain whitelist "
                        + "and your email domain is not on it");
            }
        }
        if (users.findByEmail(email).isPresent()) {
            throw new ApiFailure("This email address is already in use");
        }
        int requester = req.optionalCaller().map(User::id).orElse(0);
        String code = codes.issue(Purpose.EMAIL_VERIFICATION, email, 6, requester);
        String system = o.get(OptionKey.SYSTEM_NAME);
        send(email, system + " email verification", "<p>Hello, you are verifying your " + Html.escape(system)
                + " email address.</p><p>Your verification code is: <strong>" + code + "</strong></p>"
                + "<p>The code is valid for 10 minutes. If you did not request it, please ignore this email.</p>");
        return Envelope.ok();
    }

    Envelope sendReset(ApiRequest req) {
        String email = requiredEmail(req.query("email"));
        if (users.findByEmail(email).isEmpty()) {
            throw new ApiFailure("This email address is not registered");
        }
        Options o = options.current();
        String token = codes.issue(Purpose.PASSWORD_RESET, email, 32);
        String link = MiscApi.serverAddress(o) + "/user/reset?email=" + URLEncoder.encode(email, StandardCharsets.UTF_8)
                + "&token=" + token;
        String system = o.get(OptionKey.SYSTEM_NAME);
        send(email, system + " password reset", "<p>Hello, you are resetting your " + Html.escape(system)
                + " password.</p><p>Click <a href=\"" + Html.escape(link) + "\">here</a> to reset it.</p>"
                + "<p>If the link does not open, copy this address into your browser:<br>" + Html.escape(link)
                + "</p><p>The link is valid for 10 minutes. If you did not request it, please ignore this email.</p>");
        return Envelope.ok();
    }

    /** Sets a random 12-character password and returns it, as One API does. */
    Envelope resetPassword(ApiRequest req) {
        ResetRequest body = req.body(ResetRequest.class);
        String email = body.email() == null ? "" : body.email().trim();
        if (email.isEmpty() || !codes.consume(Purpose.PASSWORD_RESET, email, body.token())) {
            throw new ApiFailure("The reset link is invalid or has expired");
        }
        User user = users.findByEmail(email).orElseThrow(
                () -> new ApiFailure("The reset link is invalid or has expired"));
        String password = RandomText.alphanumeric(12);
        // Account recovery: the management access token is revoked too (see UserSelfApi).
        users.update(user, UserDraft.of(user).passwordHash(Passwords.hash(password)).accessToken("").build());
        return Envelope.ok(password);
    }

    Envelope bindEmail(ApiRequest req) {
        String email = requiredEmail(req.query("email"));
        User me = req.caller();
        if (!codes.consume(Purpose.EMAIL_VERIFICATION, email, req.query("code"), me.id())) {
            throw new ApiFailure("The verification code is wrong or has expired");
        }
        if (users.findByEmail(email).filter(u -> u.id() != me.id()).isPresent()) {
            throw new ApiFailure("This email address is already in use");
        }
        users.update(me, UserDraft.of(me).email(email).build());
        return Envelope.ok();
    }

    private void send(String to, String subject, String html) {
        try {
            mailer.send(to, subject, html);
        } catch (Mailer.MailFailure e) {
            throw new ApiFailure(e.getMessage());
        }
    }

    private static String requiredEmail(String value) {
        String email = UserInput.email(value);
        if (email.isEmpty()) {
            throw new ApiFailure("invalid parameters: email is required");
        }
        return email;
    }

    record ResetRequest(String email, String token) {
        @Override
        public String toString() {
            return "ResetRequest[<hidden>]";
        }
    }
}
