package io.oneapi.admin;

import io.oneapi.admin.api.ModelCatalogue;
import io.oneapi.ratelimit.RateLimiter;
import io.oneapi.admin.auth.TurnstileVerifier;
import io.oneapi.admin.channel.ChannelTester;
import io.oneapi.admin.oauth.OAuthEndpoints;
import io.oneapi.storage.options.LiveOptions;

import java.net.URI;
import java.time.Clock;
import javax.net.ssl.SSLSocketFactory;

/**
 * What the admin server talks to besides storage, with production defaults; the launcher and tests replace
 * parts ({@code with*}). Null {@code channelTester}, {@code rateLimiter} or {@code options} mean: the proxy's
 * internal route on {@code 127.0.0.1:PORT}, windows shared through Redis when {@code REDIS_CONN_STRING} is set
 * (else this node's memory), and options loaded from storage.
 *
 * @param turnstileVerifyUrl Cloudflare's siteverify unless a test points it at a fake
 * @param smtpTls            TLS socket factory for SMTP (a test trusts its own certificate)
 * @param oauth              GitHub and Lark endpoints (OIDC and WeChat come from options)
 * @param catalogue          models published by the proxy's plugins
 */
public record AdminEnvironment(Clock clock, URI turnstileVerifyUrl, ChannelTester channelTester,
                               SSLSocketFactory smtpTls, OAuthEndpoints oauth, RateLimiter rateLimiter,
                               ModelCatalogue catalogue, LiveOptions options) {

    public static AdminEnvironment defaults() {
        return new AdminEnvironment(Clock.systemUTC(), TurnstileVerifier.CLOUDFLARE, null,
                (SSLSocketFactory) SSLSocketFactory.getDefault(), OAuthEndpoints.PUBLIC, null, ModelCatalogue.EMPTY,
                null);
    }

    public AdminEnvironment withClock(Clock value) {
        return new AdminEnvironment(value, turnstileVerifyUrl, channelTester, smtpTls, oauth, rateLimiter, catalogue,
                options);
    }

    public AdminEnvironment withTurnstileVerifyUrl(URI value) {
        return new AdminEnvironment(clock, value, channelTester, smtpTls, oauth, rateLimiter, catalogue, options);
    }

    public AdminEnvironment withChannelTester(ChannelTester value) {
        return new AdminEnvironment(clock, turnstileVerifyUrl, value, smtpTls, oauth, rateLimiter, catalogue, options);
    }

    public AdminEnvironment withSmtpTls(SSLSocketFactory value) {
        return new AdminEnvironment(clock, turnstileVerifyUrl, channelTester, value, oauth, rateLimiter, catalogue,
                options);
    }

    public AdminEnvironment withOAuth(OAuthEndpoints value) {
        return new AdminEnvironment(clock, turnstileVerifyUrl, channelTester, smtpTls, value, rateLimiter, catalogue,
                options);
    }

    public AdminEnvironment withRateLimiter(RateLimiter value) {
        return new AdminEnvironment(clock, turnstileVerifyUrl, channelTester, smtpTls, oauth, value, catalogue,
                options);
    }

    public AdminEnvironment withCatalogue(ModelCatalogue value) {
        return new AdminEnvironment(clock, turnstileVerifyUrl, channelTester, smtpTls, oauth, rateLimiter, value,
                options);
    }

    /** Shares the proxy's options service when both servers run in one JVM. */
    public AdminEnvironment withOptions(LiveOptions value) {
        return new AdminEnvironment(clock, turnstileVerifyUrl, channelTester, smtpTls, oauth, rateLimiter, catalogue,
                value);
    }
}
