package io.oneapi.admin.channel;

import io.oneapi.storage.ChannelStore;
import io.oneapi.storage.ProviderChannel;
import io.oneapi.storage.options.LiveOptions;
import io.oneapi.storage.options.Options;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * "Test all channels" and "update all balances" (inventory sections 3.4 to 3.6): one sweep at a time, one
 * channel after another with {@code POLLING_INTERVAL} between them, on a scheduler rather than a sleeping thread.
 * A test sweep applies automatic disable (failure that kills the credential, or slower than
 * {@code ChannelDisableThreshold}) and automatic enable, and, unlike One API, really sends its completion notice.
 */
public final class ChannelSweep {
    /** Which channels a test sweep covers. */
    public enum Scope { ALL, DISABLED }

    private static final Logger log = LoggerFactory.getLogger(ChannelSweep.class);

    private final ChannelStore channels;
    private final ChannelTester tester;
    private final TestRecorder recorder;
    private final LiveOptions options;
    private final ScheduledExecutorService scheduler;
    private final Duration pollingInterval;
    private final AtomicBoolean running = new AtomicBoolean();

    ChannelSweep(ChannelStore channels, ChannelTester tester, TestRecorder recorder, LiveOptions options,
                 ScheduledExecutorService scheduler, Duration pollingInterval) {
        this.channels = channels;
        this.tester = tester;
        this.recorder = recorder;
        this.options = options;
        this.scheduler = scheduler;
        this.pollingInterval = pollingInterval;
    }

    /** @return false when a sweep is already running */
    public boolean startTests(Scope scope, boolean notifyWhenDone) {
        Runnable done = notifyWhenDone
                ? () -> recorder.notice("Channel test finished", "Testing all channels has finished.")
                : () -> { };
        return start(c -> scope == Scope.ALL || !c.enabled(), this::testOne, done);
    }

    /** @return false when a sweep is already running */
    public boolean startBalances() {
        return start(ProviderChannel::enabled, this::balanceOne, () -> { });
    }

    public boolean running() {
        return running.get();
    }

    private boolean start(Predicate<ProviderChannel> which, Consumer<ProviderChannel> step,
                          Runnable done) {
        if (!running.compareAndSet(false, true)) {
            return false;
        }
        try {
            scheduler.execute(() -> {
                try {
                    List<ProviderChannel> list = channels.listAll().stream().filter(which).toList();
                    next(list, 0, step, done);
                } catch (RuntimeException e) {
                    finish(e, done);
                }
            });
        } catch (RuntimeException e) {
            running.set(false);
            throw e;
        }
        return true;
    }

    private void next(List<ProviderChannel> list, int index, Consumer<ProviderChannel> step, Runnable done) {
        if (index >= list.size()) {
            finish(null, done);
            return;
        }
        try {
            step.accept(list.get(index));
        } catch (RuntimeException e) {
            log.warn("channel sweep: channel #{} failed: {}", list.get(index).id(), e.toString());
        }
        try {
            scheduler.schedule(() -> next(list, index + 1, step, done), pollingInterval.toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (RuntimeException e) {
            finish(e, done); // scheduler shut down
        }
    }

    private void finish(RuntimeException failure, Runnable done) {
        running.set(false);
        if (failure != null) {
            log.warn("channel sweep stopped: {}", failure.toString());
            return;
        }
        done.run();
    }

    private void testOne(ProviderChannel channel) {
        ChannelTester.TestOutcome outcome = tester.test(channel.id(), ChannelModels.first(channel));
        recorder.recordTest(channel, outcome);
        Options current = options.current();
        double thresholdMillis = current.channelDisableThreshold() * 1000;
        long millis = Math.round(outcome.time() * 1000);
        if (channel.enabled()) {
            if (!outcome.success() && DisableRules.credentialDead(outcome.errorKind(), outcome.message())) {
                if (current.automaticDisableChannelEnabled()) {
                    recorder.disable(channel, outcome.message());
                }
            } else if (thresholdMillis > 0 && millis > thresholdMillis) {
                // Slow whatever the result, as in One API: a test that fails after hanging past the threshold
                // (a timeout) is as bad a channel as a slow success.
                String reason = "response time " + millis + " ms exceeds the threshold of "
                        + Math.round(thresholdMillis) + " ms";
                if (current.automaticDisableChannelEnabled()) {
                    recorder.disable(channel, reason);
                } else {
                    recorder.notice("Channel " + channel.name() + " (#" + channel.id() + ") is slow", reason);
                }
            }
        } else if (outcome.success() && current.automaticEnableChannelEnabled()) {
            recorder.enable(channel);
        }
    }

    private void balanceOne(ProviderChannel channel) {
        ChannelTester.BalanceOutcome outcome = tester.balance(channel.id());
        if (outcome.success()) {
            recorder.recordBalance(channel, outcome.balance());
        }
    }
}
