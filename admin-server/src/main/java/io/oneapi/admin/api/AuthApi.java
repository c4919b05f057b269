package io.oneapi.admin.api;

import io.oneapi.admin.account.DefaultPasswordCheck;
import io.oneapi.admin.account.NewUser;
import io.oneapi.admin.account.RandomText;
import io.oneapi.admin.account.UserCreation;
import io.oneapi.admin.account.VerificationCodes;
import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.storage.Passwords;
import io.oneapi.storage.User;
import io.oneapi.storage.UserStore;
import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.options.OptionKey;
import io.oneapi.storage.options.Options;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Password login, logout and registration (inventory section 7.3). Login and registration sit under the
 * critical rate limit; registration also behind Turnstile. E-mail and reset flows are in
 * {@link EmailFlowsApi}, OAuth in the {@code oauth} package.
 */
public final class AuthApi {
    private final UserStore users;
    private final UserCreation creation;
    private final VerificationCodes codes;
    private final DefaultPasswordCheck defaultPassword;
    private final LiveOptions options;
    /** Verified against when the user is unknown, so timing does not reveal which usernames exist. */
    private final String dummyHash = Passwords.hash(RandomText.alphanumeric(16));

    public AuthApi(UserStore users, UserCreation creation, VerificationCodes codes,
                   DefaultPasswordCheck defaultPassword, LiveOptions options) {
        this.users = users;
        this.creation = creation;
        this.codes = codes;
        this.defaultPassword = defaultPassword;
        this.options = options;
    }

    public void register(ApiRoutes routes) {
        routes.critical("POST", "/api/user/login", Access.PUBLIC, false, this::login)
                .get("/api/user/logout", Access.PUBLIC, this::logout)
                .critical("POST", "/api/user/register", Access.PUBLIC, true, this::registerUser);
    }

    Envelope login(ApiRequest req) {
        if (!options.current().flag(OptionKey.PASSWORD_LOGIN_ENABLED)) {
            throw new ApiFailure("Password login has been disabled by the administrator");
        }
        Credentials body = req.body(Credentials.class);
        if (body.username() == null || body.username().isBlank() || body.password() == null
                || body.password().isEmpty()) {
            throw new ApiFailure("invalid parameters");
        }
        String name = body.username().trim();
        Optional<User> found = users.findByUsername(name).or(() -> users.findByEmail(name));
        boolean passwordOk = Passwords.verify(body.password(), found.map(User::password).orElse(dummyHash));
        if (found.isEmpty() || !passwordOk || !found.get().enabled()) {
            throw new ApiFailure("Invalid username or password, or the user has been banned");
        }
        User user = found.get();
        req.login(user);
        return Envelope.ok(loginData(user, defaultPassword.mustChange(user)));
    }

    /** The reply of every successful login path: One API's fields plus the forced-change flag when set. */
    public static Map<String, Object> loginData(User user, boolean requirePasswordChange) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("id", user.id());
        data.put("username", user.username());
        data.put("display_name", user.displayName());
        data.put("role", user.role());
        data.put("status", user.status());
        if (requirePasswordChange) {
            data.put("require_password_change", true);
        }
        return data;
    }

    Envelope logout(ApiRequest req) {
        req.clearSession();
        return Envelope.ok();
    }

    Envelope registerUser(ApiRequest req) {
        Options o = options.current();
        if (!o.flag(OptionKey.REGISTER_ENABLED)) {
            throw new ApiFailure("New user registration has been disabled by the administrator");
        }
        if (!o.flag(OptionKey.PASSWORD_REGISTER_ENABLED)) {
            throw new ApiFailure("Password registration has been disabled by the administrator; "
                    + "please register with a third-party account");
        }
        Registration body = req.body(Registration.class);
        String username = UserInput.username(body.username());
        String password = UserInput.password(body.password());
        if (users.findByUsername(username).isPresent()) {
            throw new ApiFailure("username is already taken");
        }
        NewUser input = NewUser.withPassword(username, password, username);
        if (o.flag(OptionKey.EMAIL_VERIFICATION_ENABLED)) {
            String email = UserInput.email(body.email());
            if (email.isEmpty() || body.verificationCode() == null || body.verificationCode().isBlank()) {
                throw new ApiFailure("The administrator has enabled email verification; "
                        + "enter your email address and the verification code");
            }
            if (!codes.consume(VerificationCodes.Purpose.EMAIL_VERIFICATION, email, body.verificationCode())) {
                throw new ApiFailure("The verification code is wrong or has expired");
            }
            input = input.withEmail(email);
        }
        if (body.affCode() != null && !body.affCode().isBlank()) {
            Optional<User> inviter = users.findByAffCode(body.affCode().trim());
            if (inviter.isPresent()) {
                input = input.withInviter(inviter.get().id());
            }
        }
        creation.create(input);
        return Envelope.ok();
    }

    record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + "]";
        }
    }

    record Registration(String username, String password, String email, String verificationCode, String affCode) {
        @Override
        public String toString() {
            return "Registration[username=" + username + "]";
        }
    }
}
