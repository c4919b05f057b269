package io.oneapi.admin.channel;

import io.oneapi.admin.account.AccountLogs;
import io.oneapi.admin.notify.Notifier;
import io.oneapi.storage.ChannelStore;
import io.oneapi.storage.ProviderChannel;

import java.time.Clock;

/**
 * Bookkeeping of channel tests and status changes, shared by the single test route and the sweep: response
 * time (0 on failure) and test time on the row, a type-5 log, and a root notice when a status flips.
 */
final class TestRecorder {
    private final ChannelStore channels;
    private final AccountLogs logs;
    private final Notifier notifier;
    private final Clock clock;

    TestRecorder(ChannelStore channels, AccountLogs logs, Notifier notifier, Clock clock) {
        this.channels = channels;
        this.logs = logs;
        this.notifier = notifier;
        this.clock = clock;
    }

    void recordTest(ProviderChannel channel, ChannelTester.TestOutcome outcome) {
        long millis = Math.round(outcome.time() * 1000);
        channels.recordTest(channel.id(), clock.instant().getEpochSecond(), outcome.success() ? (int) millis : 0);
        String content = outcome.success()
                ? "Channel " + channel.name() + " test succeeded, response: " + outcome.message()
                : "Channel " + channel.name() + " test failed, error: " + outcome.message();
        logs.test(channel.id(), outcome.modelName(), millis, content);
    }

    void recordBalance(ProviderChannel channel, double balance) {
        channels.recordBalance(channel.id(), balance, clock.instant().getEpochSecond());
    }

    void disable(ProviderChannel channel, String reason) {
        channels.setStatus(channel.id(), ProviderChannel.STATUS_AUTO_DISABLED);
        notifier.channelDisabled(channel.id(), channel.name(), reason);
    }

    void enable(ProviderChannel channel) {
        channels.setStatus(channel.id(), ProviderChannel.STATUS_ENABLED);
        notifier.notifyRoot("Channel " + channel.name() + " (#" + channel.id() + ") has been enabled",
                "Channel " + channel.name() + " (#" + channel.id() + ") passed its test and has been enabled.");
    }

    void notice(String subject, String content) {
        notifier.notifyRoot(subject, content);
    }
}
