package io.oneapi.admin;

import io.oneapi.admin.account.AccountLogs;
import io.oneapi.admin.account.DefaultPasswordCheck;
import io.oneapi.admin.account.QuotaText;
import io.oneapi.admin.account.UserCreation;
import io.oneapi.admin.account.VerificationCodes;
import io.oneapi.admin.api.AuthApi;
import io.oneapi.admin.api.DashboardApi;
import io.oneapi.admin.api.EmailFlowsApi;
import io.oneapi.admin.api.LogsApi;
import io.oneapi.admin.api.MiscApi;
import io.oneapi.admin.api.OptionsApi;
import io.oneapi.admin.api.RedemptionsApi;
import io.oneapi.admin.api.TokensApi;
import io.oneapi.admin.api.TopUpApi;
import io.oneapi.admin.api.UserAdminApi;
import io.oneapi.admin.api.UserSelfApi;
import io.oneapi.admin.channel.ChannelTestApi;
import io.oneapi.admin.channel.ChannelTester;
import io.oneapi.admin.channel.ChannelsApi;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.notify.Mailer;
import io.oneapi.admin.notify.Notifier;
import io.oneapi.admin.oauth.OAuthApi;
import io.oneapi.admin.queries.LogSearch;
import io.oneapi.admin.queries.TokenListing;
import io.oneapi.admin.queries.UserIds;
import io.oneapi.admin.queries.UserListing;
import io.oneapi.config.GatewayConfig;
import io.oneapi.storage.Storage;
import io.oneapi.storage.options.LiveOptions;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;

/** Builds every resource class over storage and registers its routes: the management API's composition root. */
final class AdminApi {
    private final ApiRoutes routes = new ApiRoutes();
    private final ChannelTestApi channelTests;

    AdminApi(GatewayConfig config, Storage storage, AdminEnvironment env, LiveOptions options, HttpClient http,
             ChannelTester tester, Mailer mailer, Notifier notifier, ScheduledExecutorService scheduler,
             String version, long startTime) {
        Clock clock = env.clock();
        AccountLogs logs = new AccountLogs(storage.logs(), storage.users(), clock);
        QuotaText quotaText = new QuotaText(options);
        DefaultPasswordCheck defaultPassword = new DefaultPasswordCheck();
        VerificationCodes codes = new VerificationCodes(clock);
        UserCreation creation = new UserCreation(storage.users(), storage.tokens(), logs, options, clock);

        new MiscApi(options, env.catalogue(), version, startTime).register(routes);
        new AuthApi(storage.users(), creation, codes, defaultPassword, options).register(routes);
        new EmailFlowsApi(storage.users(), codes, mailer, options).register(routes);
        new OAuthApi(http, env.oauth(), storage.users(), creation, new UserIds(storage.database()), defaultPassword,
                options).register(routes);
        new UserSelfApi(storage.users(), storage.redemptions(), storage.channels(), logs, quotaText,
                defaultPassword, clock).register(routes);
        new DashboardApi(storage.logs(), storage.users(), clock).register(routes);
        new UserAdminApi(storage.users(), new UserListing(storage.database(), storage.users()), creation, logs)
                .register(routes);
        new TopUpApi(storage.users(), logs, quotaText).register(routes);
        new OptionsApi(options).register(routes);
        new TokensApi(storage.tokens(), new TokenListing(storage.database(), storage.tokens()), clock)
                .register(routes);
        new RedemptionsApi(storage.redemptions(), clock).register(routes);
        new LogsApi(storage.logs(), new LogSearch(storage.logDatabase())).register(routes);
        new ChannelsApi(storage.channels(), clock).register(routes);
        channelTests = new ChannelTestApi(storage.channels(), tester, logs, notifier, options, scheduler,
                config.jobs().pollingInterval(), clock);
        channelTests.register(routes);
    }

    ApiRoutes routes() {
        return routes;
    }

    ChannelTestApi channelTests() {
        return channelTests;
    }
}
