package io.oneapi.admin.channel;

import io.oneapi.admin.account.AccountLogs;
import io.oneapi.admin.http.Access;
import io.oneapi.admin.http.ApiFailure;
import io.oneapi.admin.http.ApiRequest;
import io.oneapi.admin.http.ApiRoutes;
import io.oneapi.admin.http.Envelope;
import io.oneapi.admin.notify.Notifier;
import io.oneapi.storage.ChannelStore;
import io.oneapi.storage.ProviderChannel;
import io.oneapi.storage.options.LiveOptions;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Channel tests and balances (inventory sections 3.5, 3.6, 7.6). The upstream call itself is made by a proxy
 * through {@link ChannelTester}; this side picks the model, records the outcome and runs the sweeps.
 */
public final class ChannelTestApi {
    private final ChannelStore channels;
    private final ChannelTester tester;
    private final TestRecorder recorder;
    private final ChannelSweep sweep;

    public ChannelTestApi(ChannelStore channels, ChannelTester tester, AccountLogs logs,
                          Notifier notifier, LiveOptions options, ScheduledExecutorService scheduler,
                          Duration pollingInterval, Clock clock) {
        this.channels = channels;
        this.tester = tester;
        this.recorder = new TestRecorder(channels, logs, notifier, clock);
        this.sweep = new ChannelSweep(channels, tester, recorder, options, scheduler, pollingInterval);
    }

    public void register(ApiRoutes routes) {
        routes.get("/api/channel/test", Access.ADMIN, this::testAll)
                .get("/api/channel/test/{id}", Access.ADMIN, this::testOne)
                .get("/api/channel/update_balance", Access.ADMIN, this::updateAllBalances)
                .get("/api/channel/update_balance/{id}", Access.ADMIN, this::updateBalance);
    }

    /** For the periodic {@code CHANNEL_TEST_FREQUENCY} job: a full sweep without the completion notice. */
    public ChannelSweep sweep() {
        return sweep;
    }

    Envelope testOne(ApiRequest req) {
        ProviderChannel channel = existing(req.pathInt("id"));
        ChannelTester.TestOutcome outcome = tester.test(channel.id(), ChannelModels.pick(channel, req.query("model")));
        recorder.recordTest(channel, outcome);
        Envelope reply = outcome.success() ? Envelope.ok() : Envelope.fail(outcome.message());
        return reply.with("message", outcome.message()).with("time", outcome.time())
                .with("modelName", outcome.modelName());
    }

    Envelope testAll(ApiRequest req) {
        String scope = req.query("scope");
        ChannelSweep.Scope which = switch (scope) {
            case "", "all" -> ChannelSweep.Scope.ALL;
            case "disabled" -> ChannelSweep.Scope.DISABLED;
            default -> throw new ApiFailure("invalid parameters: scope must be all or disabled");
        };
        if (!sweep.startTests(which, true)) {
            throw new ApiFailure("a channel test is already running");
        }
        return Envelope.ok();
    }

    Envelope updateBalance(ApiRequest req) {
        ProviderChannel channel = existing(req.pathInt("id"));
        ChannelTester.BalanceOutcome outcome = tester.balance(channel.id());
        if (!outcome.success()) {
            return Envelope.fail(outcome.message());
        }
        recorder.recordBalance(channel, outcome.balance());
        return Envelope.ok().with("balance", outcome.balance());
    }

    Envelope updateAllBalances(ApiRequest req) {
        if (!sweep.startBalances()) {
            throw new ApiFailure("a channel sweep is already running");
        }
        return Envelope.ok();
    }

    private ProviderChannel existing(int id) {
        return channels.findById(id).orElseThrow(() -> new ApiFailure("channel not found"));
    }
}
