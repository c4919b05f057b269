package io.oneapi.storage.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.oneapi.storage.ChangeSignal;
import io.oneapi.storage.InProcessChangeSignal;
import io.oneapi.storage.Storage;
import io.oneapi.storage.testing.TestDatabase;
import io.oneapi.storage.testing.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LiveOptionsTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void updateValidatesStoresAppliesAndSignals(TestDatabases.Engine engine) {
        ChangeSignal signal = new InProcessChangeSignal();
        AtomicInteger signals = new AtomicInteger();
        signal.subscribe(topic -> {
            if (topic == ChangeSignal.Topic.OPTIONS) {
                signals.incrementAndGet();
            }
        });
        try (TestDatabase db = engine.create(dir); Storage storage = db.openStorage(signal)) {
            LiveOptions options = LiveOptions.load(storage.options(), signal, Runnable::run, Map.of());
            assertEquals(0, options.current().retryTimes());
            Options before = options.current();

            options.update("RetryTimes", "3");
            assertEquals(3, options.current().retryTimes(), "applies at once in this JVM");
            assertEquals(0, before.retryTimes(), "an old snapshot never changes");
            assertEquals("3", storage.options().loadAll().get("RetryTimes"));
            assertTrue(signals.get() >= 1, "other nodes are told");

            options.update("ModelRatio", "{\"my-model\": 2.5}");
            assertEquals(2.5, options.current().modelRatio("my-model", 1));
            assertEquals(15, options.current().modelRatio("gpt-4", 1), "built-ins still priced");
            assertEquals("{\"my-model\": 2.5}", storage.options().loadAll().get("ModelRatio"),
                    "stored exactly as the admin wrote it");
        }
    }

    @ParameterizedTest
    @MethodSource("io.oneapi.storage.testing.TestDatabases#engines")
    void invalidValuesAreRefusedAndNeverStored(TestDatabases.Engine engine) {
        ChangeSignal signal = new InProcessChangeSignal();
        try (TestDatabase db = engine.create(dir); Storage storage = db.openStorage(signal)) {
            LiveOptions options = LiveOptions.load(storage.options(), signal, Runnable::run, Map.of());
            Options before = options.current();
            InvalidOptionException e = assertThrows(InvalidOptionException.class,
                    () -> options.update("ModelRatio", "{\"gpt-4\": \"fifteen\"}"));
            assertTrue(e.getMessage().startsWith("ModelRatio: "), e.getMessage());
            assertThrows(InvalidOptionException.class, () -> options.update("RetryTimes", "-1"));
            assertThrows(InvalidOptionException.class, () -> options.update("QuotaPerUnit", "0"));
            assertThrows(InvalidOptionException.class, () -> options.update("NoSuchOption", "1"));
            assertThrows(InvalidOptionException.class, () -> options.update("LogConsumeEnabled", null));
            assertFalse(storage.options().loadAll().containsKey("ModelRatio"));
            assertFalse(storage.options().loadAll().containsKey("RetryTimes"));
            assertFalse(storage.options().loadAll().containsKey("NoSuchOption"));
            assertTrue(before == options.current(), "snapshot untouched");
        }
    }

    @Test
    void loginMethodsNeedTheirSettingsFirst() {
        ChangeSignal signal = new InProcessChangeSignal();
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage(signal)) {
            LiveOptions options = LiveOptions.load(storage.options(), signal, Runnable::run, Map.of());
            InvalidOptionException e = assertThrows(InvalidOptionException.class,
                    () -> options.update("GitHubOAuthEnabled", "true"));
            assertTrue(e.getMessage().contains("GitHubClientId"), e.getMessage());
            options.update("GitHubClientId", "abc");
            options.update("GitHubOAuthEnabled", "true");
            assertTrue(options.current().flag(OptionKey.GITHUB_OAUTH_ENABLED));
            assertThrows(InvalidOptionException.class, () -> options.update("TurnstileCheckEnabled", "true"));
            assertThrows(InvalidOptionException.class, () -> options.update("WeChatAuthEnabled", "true"));
            assertThrows(InvalidOptionException.class, () -> options.update("OidcEnabled", "true"));
            options.update("EmailDomainWhitelist", " , ");
            assertThrows(InvalidOptionException.class, () -> options.update("EmailDomainRestrictionEnabled", "true"));
            options.update("TurnstileCheckEnabled", "false");
        }
    }

    @Test
    void signalFromElsewhereReloadsFromTheStore() throws Exception {
        ChangeSignal signal = new InProcessChangeSignal();
        ExecutorService reloads = Executors.newSingleThreadExecutor();
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage(signal)) {
            LiveOptions relay = LiveOptions.load(storage.options(), signal, reloads, Map.of());
            LiveOptions admin = LiveOptions.load(storage.options(), signal, Runnable::run, Map.of());

            admin.update("PreConsumedQuota", "1234");
            awaitValue(() -> relay.current().preConsumedQuota(), 1234L);

            // A write by another node reaches this one as a signal only.
            storage.options().put("LogConsumeEnabled", "false");
            signal.publish(ChangeSignal.Topic.OPTIONS);
            awaitValue(() -> relay.current().logConsumeEnabled(), false);

            signal.publish(ChangeSignal.Topic.USERS); // other topics do not reload options
            reloads.shutdown(); // before the storage closes under a reload still running
            assertTrue(reloads.awaitTermination(10, TimeUnit.SECONDS));
        } finally {
            reloads.shutdownNow();
        }
    }

    /** A reload whose read of the store predates a local update, or a later reload, must not undo it. */
    @Test
    void aReloadThatReadEarlierNeverInstallsLater() throws Exception {
        ChangeSignal signal = new InProcessChangeSignal();
        ExecutorService reloader = Executors.newSingleThreadExecutor();
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage(signal)) {
            HeldReads held = new HeldReads(storage.options());
            LiveOptions options = LiveOptions.load(held, new InProcessChangeSignal(), Runnable::run, Map.of());

            HeldReads.Hold hold = held.holdNextRead();
            java.util.concurrent.Future<?> stale = reloader.submit(options::reload);
            hold.awaitRead();
            options.update("RetryTimes", "5"); // lands after the reload read the old rows
            hold.release();
            stale.get(10, TimeUnit.SECONDS);
            assertEquals(5, options.current().retryTimes(), "a read older than the update is dropped");

            // Two reloads (a poll and a signal, say) overlapping: the one that read first must not finish last.
            hold = held.holdNextRead();
            stale = reloader.submit(options::reload);
            hold.awaitRead();
            storage.options().put("RetryTimes", "7"); // another node's write
            options.reload(); // the signal's reload reads it and installs
            assertEquals(7, options.current().retryTimes());
            hold.release();
            stale.get(10, TimeUnit.SECONDS);
            assertEquals(7, options.current().retryTimes(), "a read older than another reload's is dropped");
        } finally {
            reloader.shutdownNow();
        }
    }

    /** An option store whose next read can be held after it has read, to interleave a slow reload. */
    private static final class HeldReads implements io.oneapi.storage.OptionStore {
        private final io.oneapi.storage.OptionStore store;
        private volatile Hold next;

        HeldReads(io.oneapi.storage.OptionStore store) {
            this.store = store;
        }

        Hold holdNextRead() {
            Hold hold = new Hold();
            next = hold;
            return hold;
        }

        @Override
        public Map<String, String> loadAll() {
            Map<String, String> rows = store.loadAll();
            Hold hold = next;
            if (hold != null) {
                next = null;
                hold.read.countDown();
                try {
                    assertTrue(hold.released.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return rows;
        }

        @Override
        public void put(String key, String value) {
            store.put(key, value);
        }

        static final class Hold {
            private final java.util.concurrent.CountDownLatch read = new java.util.concurrent.CountDownLatch(1);
            private final java.util.concurrent.CountDownLatch released = new java.util.concurrent.CountDownLatch(1);

            void awaitRead() throws InterruptedException {
                assertTrue(read.await(10, TimeUnit.SECONDS));
            }

            void release() {
                released.countDown();
            }
        }
    }

    /** The poll re-reads every row; an unchanged store keeps the snapshot, a changed one (or an update) does not. */
    @Test
    void reloadRebuildsOnlyWhenTheStoredRowsChanged() {
        ChangeSignal signal = new InProcessChangeSignal();
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage(signal)) {
            LiveOptions options = LiveOptions.load(storage.options(), signal, Runnable::run, Map.of());
            Options first = options.current();
            options.reload();
            assertTrue(first == options.current(), "same rows: same snapshot");
            storage.options().put("RetryTimes", "4");
            options.reload();
            assertEquals(4, options.current().retryTimes());
            options.update("RetryTimes", "2");
            Options updated = options.current();
            assertEquals(2, updated.retryTimes());
            options.reload();
            assertEquals(2, options.current().retryTimes());
        }
    }

    @Test
    void storedValuesFromOneApiAreMergedAndSanitised() {
        ChangeSignal signal = new InProcessChangeSignal();
        try (TestDatabase db = TestDatabases.sqlite(dir); Storage storage = db.openStorage(signal)) {
            storage.options().put("ModelRatio", "{\"gpt-4\": 20, \"openrouter/auto\": -500000}");
            storage.options().put("RetryTimes", "not a number");
            storage.options().put("FileUploadPermission", "0");
            LiveOptions options = LiveOptions.load(storage.options(), signal, Runnable::run,
                    Map.of("Theme", "berry"));
            Options current = options.current();
            assertEquals(20, current.modelRatio("gpt-4", 1));
            assertEquals(30, current.modelRatio("openrouter/auto", 20));
            assertEquals(0.075, current.modelRatio("gpt-4o-mini", 1), "built-in keys added on load");
            assertEquals(0, current.retryTimes());
            assertEquals("berry", current.get(OptionKey.THEME), "start-up THEME is the default");
            assertEquals("0", current.get("FileUploadPermission"));
            assertThrows(InvalidOptionException.class, () -> LiveOptions.load(storage.options(), signal,
                    Runnable::run, Map.of("Theme", "neon")));
        }
    }

    private static <T> void awaitValue(java.util.function.Supplier<T> actual, T expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!expected.equals(actual.get()) && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(5); // polling with a deadline, no fixed sleep for synchronisation
        }
        assertEquals(expected, actual.get());
    }
}
